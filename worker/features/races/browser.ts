// What the browser bundle may load from races: the race card's wording (plain functions over the card's model).
export { distanceTitle, headerLine, predictionLine, splitCells, splitDistance, taperLine, unitWord } from './card/card.format';
export type { ChecklistItem, ContingencyLine, RaceCardModel, TimelineItem } from './card/card.types';
