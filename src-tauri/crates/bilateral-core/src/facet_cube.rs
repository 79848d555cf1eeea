//! The facets of a filter on kind, origin, verification and side alone, summed from the facet
//! cube that triggers maintain (migration 0014): such a filter matches whole cells, so the
//! answer reads a few hundred cells, not every matching event. The answer is exactly the one
//! the scan of `search.rs` gives; a test checks the two after every kind of write.

use rusqlite::types::Value;
use rusqlite::Connection;

use crate::error::Result;
use crate::filter::{placeholders, Filter};
use crate::model::{Actor, Side};
use crate::search::{facets_from, Facets};

/// The bit of `side` in an event's side mask: its place in `Side::ALL`, as the `side_bits`
/// table of migration 0014 numbers them.
pub(crate) fn side_bit(side: Side) -> i64 {
    let place = Side::ALL.iter().position(|s| *s == side).unwrap_or(0);
    1 << place
}

/// The side mask of an event with `actors`, as the triggers keep it.
pub(crate) fn side_mask(actors: &[Actor]) -> i64 {
    actors.iter().fold(0, |mask, a| mask | side_bit(a.side))
}

/// The mask with the bits of `sides`: what a side filter tests an event's mask against.
pub(crate) fn side_mask_of(sides: &[Side]) -> i64 {
    sides.iter().fold(0, |mask, side| mask | side_bit(*side))
}

/// Whether the cube holds every field `filter` uses.
pub(crate) fn serves(filter: &Filter) -> bool {
    // Named field by field, so a field added to the filter must be decided on here.
    let Filter {
        kinds: _,
        sides: _,
        origins: _,
        verification: _,
        actors,
        tags,
        from,
        to,
        thread,
    } = filter;
    actors.is_empty() && tags.is_empty() && from.is_none() && to.is_none() && thread.is_none()
}

/// The condition on a cube table's cell columns that `filter` puts, and its parameters.
fn cell_condition(filter: &Filter) -> (String, Vec<Value>) {
    let mut clause = String::from("1");
    let mut params = Vec::new();
    let mut within = |column: &str, values: Vec<&'static str>| {
        if !values.is_empty() {
            clause += &format!(" AND {column} IN ({})", placeholders(values.len()));
            params.extend(values.into_iter().map(|v| Value::Text(v.into())));
        }
    };
    within("kind", filter.kinds.iter().map(|k| k.as_str()).collect());
    within(
        "origin",
        filter.origins.iter().map(|o| o.as_str()).collect(),
    );
    within(
        "verification",
        filter.verification.iter().map(|v| v.as_str()).collect(),
    );
    if !filter.sides.is_empty() {
        clause += " AND sides & ? <> 0";
        params.push(Value::Integer(side_mask_of(&filter.sides)));
    }
    (clause, params)
}

/// The facets of the events `filter` matches, from the cube; `filter` must be one it `serves`.
pub(crate) fn facets(conn: &Connection, filter: &Filter) -> Result<Facets> {
    let (condition, params) = cell_condition(filter);
    facets_from(
        conn,
        [
            &format!(
                "SELECT kind, verification, sides, count FROM facet_cells
                 WHERE {condition} AND count > 0"
            ),
            &format!(
                "SELECT a.name, a.side, c.n FROM
                   (SELECT actor_id, sum(count) AS n FROM facet_cell_actors WHERE {condition}
                    GROUP BY actor_id) c
                 JOIN actors a ON a.id = c.actor_id WHERE c.n > 0
                 ORDER BY c.n DESC, a.name, a.side"
            ),
            &format!(
                "SELECT tag, sum(count) AS n FROM facet_cell_tags WHERE {condition}
                 GROUP BY tag HAVING n > 0 ORDER BY n DESC, tag"
            ),
        ],
        &params,
    )
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::model::Kind;
    use crate::store::Store;

    #[test]
    fn the_side_bits_of_the_schema_are_those_of_side_all() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.db")).unwrap();
        for side in Side::ALL {
            let bit: i64 = store
                .conn()
                .query_row(
                    "SELECT bit FROM side_bits WHERE side = ?1",
                    [side.as_str()],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(bit, side_bit(side), "{side:?}");
        }
    }

    #[test]
    fn only_filters_on_cell_fields_are_served() {
        let kinds = Filter {
            kinds: vec![Kind::Summit],
            sides: vec![Side::China],
            ..Filter::default()
        };
        assert!(serves(&kinds.clone().without_gdelt()));
        let with_actor = Filter {
            actors: vec!["Wang Yi".into()],
            ..kinds.clone()
        };
        assert!(!serves(&with_actor));
        let with_tag = Filter {
            tags: vec!["trade".into()],
            ..kinds.clone()
        };
        assert!(!serves(&with_tag));
        let dated = Filter {
            from: Some("2001".parse().unwrap()),
            ..kinds
        };
        assert!(!serves(&dated));
    }
}
