use bilateral::AppState;
use serde_json::Value;
use tauri::ipc::{CallbackFn, Channel, InvokeBody, InvokeResponseBody};
use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, Manager, WebviewWindow, WebviewWindowBuilder};

/// The app as it runs, on the mock runtime, with the store of a temporary folder.
pub struct TestApp {
    _dir: tempfile::TempDir,
    app: App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
}

impl TestApp {
    pub fn start() -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        let store =
            bilateral::open_store(&dir.path().join("bilateral.db")).expect("store with dataset");
        Self::with_state(dir, AppState::new(store))
    }

    /// The app as it starts when `path` cannot be opened (as `run` sets it up).
    pub fn start_on(dir: tempfile::TempDir, path: &std::path::Path) -> Self {
        let error = bilateral::open_store(path)
            .err()
            .expect("the database cannot be opened");
        let problem = bilateral_core::identity::OpenProblem::new(path, &error);
        Self::with_state(dir, AppState::unavailable(problem))
    }

    /// The app as it starts: its window up while the store opens (`AppState::opening`);
    /// `state().finish_opening` ends the opening, as `run`'s thread does.
    pub fn start_opening() -> (Self, std::path::PathBuf) {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("bilateral.db");
        (Self::with_state(dir, AppState::opening()), path)
    }

    /// The app started again on the same database, as after quitting and reopening it.
    pub fn restart(self) -> Self {
        let Self {
            _dir: dir,
            app,
            window,
        } = self;
        drop(window);
        drop(app);
        let store = bilateral::open_store(&dir.path().join("bilateral.db")).expect("store reopens");
        Self::with_state(dir, AppState::new(store))
    }

    fn with_state(dir: tempfile::TempDir, state: AppState) -> Self {
        let app = bilateral::with_commands(mock_builder())
            .plugin(tauri_plugin_opener::init())
            .manage(state)
            .build(tauri::generate_context!())
            .expect("app builds");
        let window = WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .expect("main window");
        Self {
            _dir: dir,
            app,
            window,
        }
    }

    /// A handle to the app, for a callback that outlives a borrow of it.
    pub fn handle(&self) -> tauri::AppHandle<MockRuntime> {
        self.app.handle().clone()
    }

    /// The app's state, as the commands see it.
    pub fn state(&self) -> tauri::State<'_, AppState> {
        self.app.state::<AppState>()
    }

    /// Invokes a command as the UI does; `Err` carries the `{code, message, field}` payload.
    pub fn invoke(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        let request = InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().expect("url"),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        };
        get_ipc_response(&self.window, request)
            .map(|body| body.deserialize::<Value>().expect("json answer"))
    }
}

/// The app's state over a store in a temporary folder, for tests of the shell's file I/O.
pub fn app_state() -> (tempfile::TempDir, AppState) {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = bilateral::open_store(&dir.path().join("bilateral.db")).expect("store");
    (dir, AppState::new(store))
}

/// A progress channel nobody listens to.
pub fn quiet() -> Channel<bilateral_core::transfer::TransferProgress> {
    Channel::new(|_: InvokeResponseBody| Ok(()))
}

/// How many events the open store holds.
pub fn stored(state: &AppState) -> u64 {
    state
        .curator()
        .expect("a database is open")
        .store()
        .count()
        .expect("count")
}
