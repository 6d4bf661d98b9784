// One list each for activity sources and sports: the database enums are built from the lists the feature
// types come from, so a source added to the list reaches the schema (and drizzle-kit's next migration).
import { describe, expect, it } from 'vitest';
import { activitySource, sport } from '../../db/schema';
import { ACTIVITY_SOURCES, SPORTS } from './activity.types';

describe('activity source and sport lists', () => {
  it('are the enums of the activities table, value for value and in order', () => {
    expect(activitySource.enumValues).toEqual([...ACTIVITY_SOURCES]);
    expect(sport.enumValues).toEqual([...SPORTS]);
    expect(activitySource.enumName).toBe('activity_source');
    expect(sport.enumName).toBe('sport');
  });
});
