// Words the app shows about plans that other text must repeat exactly: the AI coach tells an athlete
// without a plan which button to press, so it names the button the Training page really shows.

/** The button (on Training and Home) that opens the new-plan form, and where it leads. */
export const CREATE_PLAN = { label: 'Create a plan', path: '/training/new' } as const;
