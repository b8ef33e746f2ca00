import { describe, expect, it } from 'vitest';
import { assignProfiles } from './run-fleet.ts';

describe('assignProfiles', () => {
  it.each([
    { count: 10, share: 0.2, desaturating: 2 },
    { count: 3, share: 0.2, desaturating: 1 },
    { count: 1, share: 0.2, desaturating: 1 },
    { count: 10, share: 0, desaturating: 0 },
    { count: 4, share: 1, desaturating: 4 },
    { count: 0, share: 0.5, desaturating: 0 },
  ])('$count devices at share $share → $desaturating desaturating', ({ count, share, desaturating }) => {
    const profiles = assignProfiles(count, share, 1);
    expect(profiles).toHaveLength(count);
    expect(profiles.filter((p) => p === 'desaturating')).toHaveLength(desaturating);
  });

  it('is deterministic for a seed', () => {
    expect(assignProfiles(50, 0.2, 3)).toEqual(assignProfiles(50, 0.2, 3));
    expect(assignProfiles(50, 0.2, 3)).not.toEqual(assignProfiles(50, 0.2, 4));
  });
});
