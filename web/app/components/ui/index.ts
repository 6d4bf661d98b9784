export { Alert, FormError, LiveRegion, ResultNotice } from './Alert';
export { Badge, type BadgeTone } from './Badge';
export { Button, ButtonLink, SubmitButton, buttonClass, useSubmitting } from './Button';
export { Card } from './Card';
export { cx } from './cx';
export { EmptyState } from './EmptyState';
export { Field, NewPasswordField, RadioGroup, SelectField, type OptionGroup } from './Field';
export { Icon, type IconName } from './Icon';
export { PageHeader } from './PageHeader';
