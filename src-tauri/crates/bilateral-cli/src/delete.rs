//! `delete`: the events matching the filters, or the listed ids, deleted in one transaction,
//! the database backed up first (the command line keeps no undo).

use bilateral_core::{BulkTarget, Store};

use crate::args::DeleteArgs;
use crate::failure::Failure;
use crate::output::Output;
use crate::progress;
use crate::selection;

pub fn run(store: &mut Store, args: DeleteArgs) -> Result<(), Failure> {
    let mut out = Output::stdout();
    let target = target(&args)?;
    if args.dry_run {
        let count = match &target {
            BulkTarget::Matching { filter, .. } => store.count_matching(filter)?,
            BulkTarget::Ids { ids } => {
                // As the delete itself would: an id that is not stored is refused.
                for id in ids {
                    store.get(id)?;
                }
                ids.iter().collect::<std::collections::HashSet<_>>().len()
            }
        };
        return out.line(format_args!(
            "would delete {count} event{} (nothing deleted: --dry-run)",
            plural(count)
        ));
    }
    // The count is known once the delete has read its target: the bar starts then.
    let mut bar = None;
    let mut report = |done: usize, total: usize| {
        progress::set(
            bar.get_or_insert_with(|| progress::bar(total, "deleting")),
            done,
        );
        true
    };
    let deleted = store.bulk_delete_backed_up(&target, &mut report);
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let deleted = deleted.map_err(|e| match e {
        // The core names the place in its list; here the list is the --id options.
        bilateral_core::Error::Invalid { field, message } if field.starts_with("target.ids") => {
            bilateral_core::Error::invalid("--id", message)
        }
        other => other,
    })?;
    if let Some(taken) = &deleted.backup {
        out.line(format_args!(
            "backup taken first: {} (to go back: bilateral-cli restore {})",
            taken.name, taken.name
        ))?;
    }
    let count = deleted.deleted as usize;
    out.line(format_args!("deleted {count} event{}", plural(count)))?;
    if let Some(compacted) = &deleted.compacted {
        out.line(format_args!("{}", crate::compact::said(compacted)))?;
    }
    Ok(())
}

/// What the options name: the listed ids, or every event of the filters. No option at all is
/// refused unless `--all` says that every event is meant.
fn target(args: &DeleteArgs) -> Result<BulkTarget, Failure> {
    let filter = selection::filter(&args.selection);
    let narrows = !filter.is_empty();
    if !args.ids.is_empty() {
        if narrows || args.all {
            return Err(Failure::Usage(
                "--id lists the events to delete: it is not combined with filters or --all"
                    .to_owned(),
            ));
        }
        return Ok(BulkTarget::Ids {
            ids: args.ids.clone(),
        });
    }
    if narrows == args.all {
        return Err(Failure::Usage(
            if args.all {
                "--all deletes every event: it is not combined with filters"
            } else {
                "say which events to delete: filters (--gdelt, --kind, --tag, --from, --to, \
                 --no-gdelt), --id, or --all for every event"
            }
            .to_owned(),
        ));
    }
    Ok(BulkTarget::Matching {
        filter,
        except: Vec::new(),
    })
}

fn plural(count: usize) -> &'static str {
    if count == 1 {
        ""
    } else {
        "s"
    }
}
