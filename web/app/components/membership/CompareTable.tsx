import { ATHLETE_TIERS, athleteFeatures, FEATURES, QUOTAS, TIERS, type QuotaKind } from '~/utils/membership';
import { Icon } from '../ui';

/** Every athlete feature and allowance against every athlete plan, straight from the entitlements table. */
export function CompareTable() {
  return (
    <div className="table-scroll compare-scroll" tabIndex={0} role="group" aria-labelledby="compare-title">
      <table className="table compare-table">
        <thead>
          <tr>
            <td />
            {ATHLETE_TIERS.map((t) => (
              <th key={t} scope="col" className="compare-col">
                {TIERS[t].name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {(Object.keys(QUOTAS) as QuotaKind[]).map((kind) => (
            <tr key={kind}>
              <th scope="row">{QUOTAS[kind].label} a month</th>
              {ATHLETE_TIERS.map((t) => {
                const limit = TIERS[t].quotas[kind];
                return (
                  <td key={t} className="compare-cell tabular">
                    {limit === null ? 'Unlimited' : limit.toLocaleString('en-US')}
                  </td>
                );
              })}
            </tr>
          ))}
          {athleteFeatures().map((f) => (
            <tr key={f}>
              <th scope="row">{FEATURES[f].label}</th>
              {ATHLETE_TIERS.map((t) => (
                <td key={t} className="compare-cell">
                  {TIERS[t].features.includes(f) ? (
                    <>
                      <Icon name="check" className="icon icon-sm compare-yes" />
                      <span className="visually-hidden">Included</span>
                    </>
                  ) : (
                    <>
                      <span className="compare-no" aria-hidden="true">
                        —
                      </span>
                      <span className="visually-hidden">Not included</span>
                    </>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
