import { Form, Link } from '@remix-run/react';
import { Button } from '../ui';
import type { ListFilterView, SortKey } from './list-types';

const SPORTS = [
  ['run', 'Run'],
  ['ride', 'Ride'],
  ['swim', 'Swim'],
  ['walk', 'Walk'],
  ['hike', 'Hike'],
  ['strength', 'Strength'],
  ['other', 'Other'],
] as const;

function Select(props: { name: string; label: string; value: string; options: readonly (readonly [string, string])[]; any: string }) {
  return (
    <label className="filter-field">
      <span>{props.label}</span>
      <select name={props.name} defaultValue={props.value}>
        <option value="">{props.any}</option>
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Search and filters as a plain GET form: the URL holds them, so a filtered list can be bookmarked or shared. */
export function ListFilters(props: {
  filter: ListFilterView;
  sort: SortKey;
  dir: 'asc' | 'desc';
  devices: string[];
  tags: string[];
  sources: { value: string; label: string }[];
}) {
  const { filter: f } = props;
  const filtered = Object.entries(f).some(([k, v]) => (k === 'hidden' ? v !== 'exclude' : v !== ''));
  return (
    <Form method="get" className="list-filters" role="search" aria-label="Search and filter activities">
      <label className="filter-field filter-search">
        <span>Search</span>
        <input type="search" name="q" defaultValue={f.q} placeholder="Name or notes" maxLength={100} />
      </label>
      <Select name="sport" label="Sport" value={f.sport} any="All sports" options={SPORTS} />
      <label className="filter-field">
        <span>From</span>
        <input type="date" name="from" defaultValue={f.from} />
      </label>
      <label className="filter-field">
        <span>To</span>
        <input type="date" name="to" defaultValue={f.to} />
      </label>
      <Select
        name="source"
        label="Source"
        value={f.source}
        any="All sources"
        options={props.sources.map((s) => [s.value, s.label] as const)}
      />
      {props.devices.length > 0 ? (
        <Select name="device" label="Device" value={f.device} any="All devices" options={props.devices.map((d) => [d, d] as const)} />
      ) : null}
      {props.tags.length > 0 ? (
        <Select name="tag" label="Tag" value={f.tag} any="All tags" options={props.tags.map((t) => [t, t] as const)} />
      ) : null}
      <Select
        name="hidden"
        label="Hidden"
        value={f.hidden === 'exclude' ? '' : f.hidden}
        any="Not hidden"
        options={[
          ['include', 'Hidden too'],
          ['only', 'Only hidden'],
        ]}
      />
      <input type="hidden" name="sort" value={props.sort} />
      <input type="hidden" name="dir" value={props.dir} />
      <div className="filter-actions">
        <Button type="submit" size="sm">
          Search
        </Button>
        {filtered ? (
          <Link to="/activities" className="btn btn-link btn-sm">
            Clear
          </Link>
        ) : null}
      </div>
    </Form>
  );
}
