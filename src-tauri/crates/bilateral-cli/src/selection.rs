//! The selection options as the core's filter.

use bilateral_core::{Filter, Origin};

use crate::args::Selection;

pub fn filter(selection: &Selection) -> Filter {
    let filter = Filter {
        kinds: selection.kinds.clone(),
        tags: selection.tags.clone(),
        from: selection.from,
        to: selection.to,
        ..Filter::default()
    };
    if selection.no_gdelt {
        filter.without_gdelt()
    } else if selection.gdelt {
        Filter {
            origins: vec![Origin::Gdelt],
            ..filter
        }
    } else {
        filter
    }
}
