// The backend's types, generated from the Rust model by ts-rs. Never edit the bindings by
// hand: change the Rust model and regenerate. Everything in the UI imports them from here.
export type { Actor } from "../../../src-tauri/crates/bilateral-core/bindings/Actor";
export type { Bucket } from "../../../src-tauri/crates/bilateral-core/bindings/Bucket";
export type { ErrorPayload } from "../../../src-tauri/crates/bilateral-core/bindings/ErrorPayload";
export type { Extent } from "../../../src-tauri/crates/bilateral-core/bindings/Extent";
export type { Kind } from "../../../src-tauri/crates/bilateral-core/bindings/Kind";
export type { Precision } from "../../../src-tauri/crates/bilateral-core/bindings/Precision";
export type { Side } from "../../../src-tauri/crates/bilateral-core/bindings/Side";
export type { Source } from "../../../src-tauri/crates/bilateral-core/bindings/Source";
export type { StoredEvent } from "../../../src-tauri/crates/bilateral-core/bindings/StoredEvent";
export type { Window } from "../../../src-tauri/crates/bilateral-core/bindings/Window";
export type { WindowQuery } from "../../../src-tauri/crates/bilateral-core/bindings/WindowQuery";
