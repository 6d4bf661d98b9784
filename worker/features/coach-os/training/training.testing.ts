// The coach's structured workout as the training tests write it: "3 × 10 min threshold" in the text form.
export const THRESHOLD_TEXT = '- warmup 10m Z1\n3x 10m 95-105% 3m Z1\n- cooldown 10m Z1';
export const THRESHOLD_WORKOUT = { sport: 'run', type: 'threshold', title: '3 × 10 min threshold', text: THRESHOLD_TEXT };
