//! A filtered window chosen from the events' fields copied in memory (`facet_index.rs`): how
//! many events match, its density strip and, when they are more than its limit, the fairest
//! `limit` of them, in one pass over the copy. In SQL a filter the indexes cannot serve (a kind,
//! an actor, a tag) made each window read every event of its span: 0.7 s for summits over a
//! million events, 2 s for an actor found in every event.

use rusqlite::Connection;

use crate::error::{Error, Result};
use crate::facet_index::{FacetIndex, Overlap};
use crate::filter::Filter;
use crate::query::{candidate, fair_share, length_class, slice_of, MEDIUM_DAYS, STRETCHES};

/// Whether the copy answers windows under `filter`: a filter on the events' own fields. The
/// whole store reads maintained counts; a thread is reached through links the copy lacks.
pub(crate) fn serves(filter: &Filter) -> bool {
    !filter.is_empty() && filter.thread.is_none()
}

/// What a window shows, before its events are read.
pub(crate) struct Chosen {
    pub(crate) total: i64,
    /// The events shown: every matching one, or the `limit` chosen.
    pub(crate) rowids: Vec<i64>,
    /// Matching events per equal slice of the window (those begun before it in the first).
    pub(crate) density: Vec<u32>,
}

/// The rank of an event in a crowded window as one number, the smaller the better: weight
/// (significance and length class), then the longer for events over a year, then the earlier.
/// Ties (the same day, kind and length) are broken by id after the choice, in `fair_share`.
fn rank_key(o: &Overlap) -> u64 {
    let length = o.last_day - o.first_day;
    let weight = o.significance * 4 + length_class(length);
    let long = if length > MEDIUM_DAYS { length } else { 0 };
    // Weights are -36..=43, day numbers and lengths below 2^22 (the year 9999 is day 3.65M).
    const DAYS: i64 = (1 << 22) - 1;
    let part = |n: i64, bits: i64| u64::try_from(n.clamp(0, bits)).unwrap_or(0);
    part(63 - weight, 127) << 44 | part(DAYS - long, DAYS) << 22 | part(o.first_day, DAYS)
}

/// The events of one stretch that may still win a place in it, by rank key.
#[derive(Default)]
struct Stretch {
    kept: Vec<(u64, i64)>,
    /// Once pruned: the key of the last of the best share; anything ranked after it loses.
    worst_winner: Option<u64>,
    /// The number kept at which to prune again: it doubles past what a pruning kept, so many
    /// ties cannot make every offer prune.
    prune_at: usize,
}

impl Stretch {
    /// Keeps `event` unless it already cannot win; when the kept grow past a few shares and
    /// `capped`, forgets all but the best `share` and their ties, so a stretch holding most of
    /// a million events keeps a few dozen of them.
    fn offer(&mut self, event: (u64, i64), share: usize, capped: bool) {
        if self.worst_winner.is_some_and(|worst| event.0 > worst) {
            return;
        }
        self.kept.push(event);
        if capped && self.kept.len() >= self.prune_at.max(share * 8) {
            self.kept.select_nth_unstable(share - 1);
            let worst = self.kept[share - 1].0;
            self.kept.retain(|(key, _)| *key <= worst);
            self.worst_winner = Some(worst);
            self.prune_at = self.kept.len() * 2;
        }
    }
}

/// The window [lo, hi] under `filter` (one `serves`), with `slices` density slices.
pub(crate) fn choose(
    conn: &Connection,
    copy: &FacetIndex,
    filter: &Filter,
    (lo, hi): (i64, i64),
    limit: u32,
    slices: i64,
) -> Result<Chosen> {
    let place = |first_day: i64, parts: i64| slice_of(first_day, (lo, hi), parts);
    let mut density = vec![0_u32; usize::try_from(slices).unwrap_or(0)];
    let stretches = i64::from(STRETCHES);
    let share = usize::try_from(limit.div_ceil(STRETCHES)).unwrap_or(1);
    let mut per: Vec<Stretch> = (0..=place(hi, stretches))
        .map(|_| Stretch::default())
        .collect();
    let mut total = 0_i64;
    for o in copy.overlapping(filter, lo, hi) {
        total += 1;
        if let Some(n) = density.get_mut(place(o.first_day, slices)) {
            *n = n.saturating_add(1);
        }
        if let Some(stretch) = per.get_mut(place(o.first_day, stretches)) {
            // Only once the window is sure to be capped may a stretch forget its losers.
            stretch.offer((rank_key(&o), o.rowid), share, total > i64::from(limit));
        }
    }
    let mut per: Vec<Vec<(u64, i64)>> = per.into_iter().map(|s| s.kept).collect();
    if total <= i64::from(limit) {
        let mut rowids: Vec<i64> = per.into_iter().flatten().map(|(_, r)| r).collect();
        rowids.sort_unstable();
        return Ok(Chosen {
            total,
            rowids,
            density,
        });
    }

    // Each stretch's best share, and any tied with the last of them: no other can win.
    let mut kept = Vec::new();
    for list in &mut per {
        if list.len() <= share {
            kept.extend(list.iter().map(|(_, rowid)| *rowid));
            continue;
        }
        list.select_nth_unstable(share - 1);
        let boundary = list[share - 1].0;
        kept.extend(list[..share].iter().map(|(_, rowid)| *rowid));
        kept.extend(
            list[share..]
                .iter()
                .filter(|(key, _)| *key == boundary)
                .map(|(_, rowid)| *rowid),
        );
    }
    let listed = serde_json::to_string(&kept).map_err(|e| Error::Corrupt(e.to_string()))?;
    let candidates = conn
        .prepare_cached(
            "SELECT rowid, id, first_day, last_day, significance FROM events
             WHERE rowid IN (SELECT value FROM json_each(?1))",
        )?
        .query_map([listed], candidate)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Chosen {
        total,
        rowids: fair_share(candidates, lo, hi, limit),
        density,
    })
}

/// The density strip alone: matching events per equal slice of [lo, hi].
pub(crate) fn density(
    copy: &FacetIndex,
    filter: &Filter,
    (lo, hi): (i64, i64),
    slices: i64,
) -> Vec<u32> {
    let mut density = vec![0_u32; usize::try_from(slices).unwrap_or(0)];
    for o in copy.overlapping(filter, lo, hi) {
        if let Some(n) = density.get_mut(slice_of(o.first_day, (lo, hi), slices)) {
            *n = n.saturating_add(1);
        }
    }
    density
}
