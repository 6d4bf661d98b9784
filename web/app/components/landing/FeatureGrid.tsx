import { Icon, type IconName } from '../ui';

export interface Feature {
  icon: IconName;
  title: string;
  text: string;
}

export function FeatureGrid({ features }: { features: Feature[] }) {
  return (
    <ul className="feature-grid">
      {features.map((f) => (
        <li key={f.title} className="feature">
          <span className="feature-icon">
            <Icon name={f.icon} />
          </span>
          <h3 className="feature-title">{f.title}</h3>
          <p className="feature-text">{f.text}</p>
        </li>
      ))}
    </ul>
  );
}
