// "Why this trend?": each chart's words on the page and where "back" leads (browser-safe).
export const WHY_CHART_WORDS = {
  efficiency: { title: 'Efficiency', back: '/analysis/trends#efficiency-trend', backText: 'Back to Trends' },
  fitness: { title: 'Fitness', back: '/home#fitness', backText: 'Back to Home' },
  weight: { title: 'Weight', back: '/wellness#weight', backText: 'Back to Wellness' },
} as const;
export type WhyChartName = keyof typeof WHY_CHART_WORDS;
