/** The preference categories every notification type belongs to, with the words Settings shows for each. */
export const CATEGORIES = ['plan', 'analysis', 'load', 'coach', 'account', 'social'] as const;
export type Category = (typeof CATEGORIES)[number];

export const CATEGORY_LABELS: Record<Category, { label: string; hint: string }> = {
  plan: { label: 'Training plan', hint: 'A new or rebuilt plan, and today’s workout if you set a daily reminder.' },
  analysis: { label: 'Analysis and weekly summary', hint: 'Imports analysed, new bests, your Monday summary.' },
  load: { label: 'Training-load alerts', hint: 'Load rising fast or form staying negative.' },
  coach: {
    label: 'Coach and proposals',
    hint: 'Coach link requests, comments on your training and plan changes awaiting your confirmation.',
  },
  account: { label: 'Account and billing', hint: 'Trial ending, failed payments, a data source disconnected.' },
  social: { label: 'People and posts', hint: 'Follow requests, kudos and comments on your posts, and mentions of you.' },
};
