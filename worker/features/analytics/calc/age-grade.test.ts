import { describe, expect, it } from 'vitest';
import { ageGrade, ageOn } from './age-grade';

// Factors and open standards below are copied by hand from wma-road-2025/{male,female}.csv,
// so these tests check the module against the published table, not against itself.

describe('ageGrade', () => {
  it('grades a 10 km at a table distance: male, 40', () => {
    // male.csv: 10 km open standard 1584 s; age 40 factor 0.9636.
    const g = ageGrade({ sex: 'male', age: 40, distanceM: 10000, timeS: 2400 });
    expect(g!.openStandardS).toBe(1584);
    expect(g!.ageStandardS).toBeCloseTo(1584 / 0.9636, 9);
    expect(g!.percent).toBeCloseTo((1584 / 0.9636 / 2400) * 100, 9); // ≈ 68.49 %
  });

  it('grades a half marathon exactly at its column: female, 50', () => {
    // female.csv: 21.0975 km open standard 3772 s; age 50 factor 0.8753.
    const g = ageGrade({ sex: 'female', age: 50, distanceM: 21097.5, timeS: 6300 });
    expect(g!.openStandardS).toBe(3772);
    expect(g!.ageStandardS).toBeCloseTo(3772 / 0.8753, 9);
    expect(g!.percent).toBeCloseTo((3772 / 0.8753 / 6300) * 100, 9);
  });

  it('interpolates the age standard on log(distance) between columns', () => {
    // 7 km lies between 6.437376 km (male open 1000 s, age 50 factor 0.8815) and 8 km (1255 s, 0.885).
    const u = (Math.log(7) - Math.log(6.437376)) / (Math.log(8) - Math.log(6.437376));
    const ageStandard = (1000 / 0.8815) * (1 - u) + (1255 / 0.885) * u;
    const g = ageGrade({ sex: 'male', age: 50, distanceM: 7000, timeS: 1800 });
    expect(g!.ageStandardS).toBeCloseTo(ageStandard, 9);
    expect(g!.openStandardS).toBeCloseTo(1000 * (1 - u) + 1255 * u, 9);
    expect(g!.percent).toBeCloseTo((ageStandard / 1800) * 100, 9);

    // 6.2 km lies between 6 km (female open 1010 s, age 35 factor 0.981) and 6.437376 km (1087 s, 0.9816).
    const v = Math.log(6.2 / 6) / Math.log(6.437376 / 6);
    const f = ageGrade({ sex: 'female', age: 35, distanceM: 6200, timeS: 1500 });
    expect(f!.ageStandardS).toBeCloseTo((1010 / 0.981) * (1 - v) + (1087 / 0.9816) * v, 9);
  });

  it('covers the youngest and oldest ages in the table', () => {
    // male.csv: 1 mile open 227 s, age 5 factor 0.599. female.csv: marathon open 7796 s, age 100 factor 0.0625.
    expect(ageGrade({ sex: 'male', age: 5, distanceM: 1609.344, timeS: 480 })!.ageStandardS).toBeCloseTo(227 / 0.599, 9);
    const oldest = ageGrade({ sex: 'female', age: 100, distanceM: 42195, timeS: 150000 });
    expect(oldest!.ageStandardS).toBeCloseTo(7796 / 0.0625, 9);
    expect(oldest!.percent).toBeCloseTo((7796 / 0.0625 / 150000) * 100, 9);
  });

  it('is null outside ages 5–100, flooring fractional ages', () => {
    const at = (age: number) => ageGrade({ sex: 'male', age, distanceM: 5000, timeS: 1500 });
    expect(at(4)).toBeNull();
    expect(at(4.99)).toBeNull();
    expect(at(101)).toBeNull();
    // 100.9 is 100: male 5 km open 769 s, age 100 factor 0.2067.
    expect(at(100.9)!.ageStandardS).toBeCloseTo(769 / 0.2067, 9);
  });

  it('is null outside 1 mile to 200 km, allowing 0.5 % at the ends', () => {
    const at = (distanceM: number) => ageGrade({ sex: 'female', age: 30, distanceM, timeS: 3600 });
    expect(at(400)).toBeNull();
    expect(at(1600)).toBeNull(); // 0.58 % short of a mile
    // 1605 m (0.27 % short) grades against the mile column: female open 253 s, age 30 factor 1.
    expect(at(1605)!.ageStandardS).toBeCloseTo(253, 9);
    expect(at(200_900)!.openStandardS).toBe(57600);
    expect(at(201_100)).toBeNull();
  });

  it('is null for a zero or negative time', () => {
    expect(ageGrade({ sex: 'male', age: 40, distanceM: 10000, timeS: 0 })).toBeNull();
    expect(ageGrade({ sex: 'male', age: 40, distanceM: 10000, timeS: -5 })).toBeNull();
  });

  it('grades women and men differently', () => {
    // 5 km, age 60: male open 769 s, factor 0.8075; female open 834 s, factor 0.7621.
    const male = ageGrade({ sex: 'male', age: 60, distanceM: 5000, timeS: 1500 })!;
    const female = ageGrade({ sex: 'female', age: 60, distanceM: 5000, timeS: 1500 })!;
    expect(male.ageStandardS).toBeCloseTo(769 / 0.8075, 9);
    expect(female.ageStandardS).toBeCloseTo(834 / 0.7621, 9);
    expect(female.percent).toBeGreaterThan(male.percent);
  });
});

describe('ageOn', () => {
  it('counts whole years, turning on the birthday itself', () => {
    expect(ageOn('1980-06-15', '2025-06-14')).toBe(44);
    expect(ageOn('1980-06-15', '2025-06-15')).toBe(45);
    expect(ageOn('1980-06-15', '2025-12-31')).toBe(45);
    expect(ageOn('1980-12-31', '2026-01-01')).toBe(45);
  });

  it('lets a 29 February birthday fall on 1 March in common years', () => {
    expect(ageOn('2000-02-29', '2025-02-28')).toBe(24);
    expect(ageOn('2000-02-29', '2025-03-01')).toBe(25);
    expect(ageOn('2000-02-29', '2024-02-28')).toBe(23);
    expect(ageOn('2000-02-29', '2024-02-29')).toBe(24);
  });

  it('rejects strings that are not calendar dates', () => {
    expect(() => ageOn('1980-02-30', '2025-01-01')).toThrow(RangeError);
    expect(() => ageOn('1980-6-15', '2025-01-01')).toThrow(RangeError);
    expect(() => ageOn('1980-06-15', '2025-13-01')).toThrow(RangeError);
  });
});
