// The backend's types, generated from the Rust model by ts-rs. Never edit the bindings by
// hand: change the Rust model and regenerate. Everything in the UI imports them from here.
export type { Actor } from "../../../src-tauri/crates/bilateral-core/bindings/Actor";
export type { ActorCount } from "../../../src-tauri/crates/bilateral-core/bindings/ActorCount";
export type { Backup } from "../../../src-tauri/crates/bilateral-core/bindings/Backup";
export type { BackupReason } from "../../../src-tauri/crates/bilateral-core/bindings/BackupReason";
export type { Bucket } from "../../../src-tauri/crates/bilateral-core/bindings/Bucket";
export type { ErrorPayload } from "../../../src-tauri/crates/bilateral-core/bindings/ErrorPayload";
export type { Event } from "../../../src-tauri/crates/bilateral-core/bindings/Event";
export type { ExportRequest } from "../../../src-tauri/crates/bilateral-core/bindings/ExportRequest";
export type { Extent } from "../../../src-tauri/crates/bilateral-core/bindings/Extent";
export type { Facets } from "../../../src-tauri/crates/bilateral-core/bindings/Facets";
export type { Filter } from "../../../src-tauri/crates/bilateral-core/bindings/Filter";
export type { ImportPlan } from "../../../src-tauri/crates/bilateral-core/bindings/ImportPlan";
export type { ImportProgress } from "../../../src-tauri/crates/bilateral-core/bindings/ImportProgress";
export type { ImportReport } from "../../../src-tauri/crates/bilateral-core/bindings/ImportReport";
export type { Kind } from "../../../src-tauri/crates/bilateral-core/bindings/Kind";
export type { KindCount } from "../../../src-tauri/crates/bilateral-core/bindings/KindCount";
export type { Origin } from "../../../src-tauri/crates/bilateral-core/bindings/Origin";
// `Location` would shadow the DOM's own type of that name.
export type { Location as FilePlace } from "../../../src-tauri/crates/bilateral-core/bindings/Location";
export type { PartialDate } from "../../../src-tauri/crates/bilateral-core/bindings/PartialDate";
export type { Precision } from "../../../src-tauri/crates/bilateral-core/bindings/Precision";
export type { Rejected } from "../../../src-tauri/crates/bilateral-core/bindings/Rejected";
export type { Restored } from "../../../src-tauri/crates/bilateral-core/bindings/Restored";
export type { Replayed } from "../../../src-tauri/crates/bilateral-core/bindings/Replayed";
export type { HistoryState } from "../../../src-tauri/crates/bilateral-core/bindings/HistoryState";
export type { SearchHit } from "../../../src-tauri/crates/bilateral-core/bindings/SearchHit";
export type { SearchQuery } from "../../../src-tauri/crates/bilateral-core/bindings/SearchQuery";
export type { Side } from "../../../src-tauri/crates/bilateral-core/bindings/Side";
export type { Source } from "../../../src-tauri/crates/bilateral-core/bindings/Source";
export type { StoredEvent } from "../../../src-tauri/crates/bilateral-core/bindings/StoredEvent";
export type { TagCount } from "../../../src-tauri/crates/bilateral-core/bindings/TagCount";
export type { Window } from "../../../src-tauri/crates/bilateral-core/bindings/Window";
export type { WindowQuery } from "../../../src-tauri/crates/bilateral-core/bindings/WindowQuery";
export type { Field } from "../../../src-tauri/crates/bilateral-core/bindings/Field";
export type { LikelyDuplicate } from "../../../src-tauri/crates/bilateral-core/bindings/LikelyDuplicate";
export type { OpenProblem } from "../../../src-tauri/crates/bilateral-core/bindings/OpenProblem";
export type { Damaged } from "../../../src-tauri/crates/bilateral-core/bindings/Damaged";
