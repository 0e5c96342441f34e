//! The local server: a fresh local D1 with the demo data, and `wrangler dev` serving the
//! worker and the front end's static assets on one origin.

use crate::tools::{run, Tools};
use crate::{build, flag, root, step, token, tools, Result};
use gzcredit_datagen::{write_sql, write_sql_split, Config, Subject};
use gzcredit_shared::shards::{region_of_code, ShardMap, SINGLE};
use gzcredit_shared::Date;
use std::io::Write;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

/// Subjects in the demo data set.
pub const DEMO_SUBJECTS: usize = 3000;

/// Today in Asia/Shanghai: the wall clock's, or a test run's pinned date.
pub fn today() -> Date {
    crate::clock::today()
}

/// A wrangler command run with Node 22 and no attempt to reach the internet.
pub fn wrangler(tools: &Tools, args: &[&str]) -> Command {
    let mut command = Command::new(&tools.node);
    command.arg(&tools.wrangler).args(args).current_dir(root().join("edge"));
    let node_bin = tools.node.parent().expect("node lives in a folder").to_path_buf();
    let path = std::env::var("PATH").unwrap_or_default();
    command
        .env("PATH", format!("{}:{path}", node_bin.display()))
        .env("CLOUDFLARE_CF_FETCH_ENABLED", "false")
        .env("WRANGLER_SEND_METRICS", "false")
        .env("WRANGLER_LOG", "warn")
        // Local observability (on by default since wrangler 4.x) traces every binding call
        // of the worker into a SQLite store on the same threads: it tripled the latency of
        // a write of 20 records here. Production has no such collector.
        .env("X_LOCAL_OBSERVABILITY", "false")
        .env("CI", "true");
    command
}

/// Write `edge/.dev.vars`: the local-only settings (the dev token key is trusted here only).
pub fn write_dev_vars() -> Result<()> {
    let vars = format!(
        "# Written by `cargo xtask dev|test`: local development only.\nTOKEN_PUBLIC_KEYS=\"{}\"\nTOKEN_ISSUER=\"{}\"\nREPORT_SIGNING_KEY=\"{}\"\n",
        token::dev_public_key(),
        token::DEV_ISSUER,
        token::dev_report_signing_key()
    );
    std::fs::write(root().join("edge/.dev.vars"), vars).map_err(|e| format!("cannot write edge/.dev.vars: {e}"))
}

/// Most databases of one layout (ids from `n << 28` stay below 2^32).
const MAX_DATABASES: usize = 16;

/// The databases of a local deployment (issue 14): the single database `DB` of
/// `wrangler.toml`'s top level, or the directory and shards of one of its environments
/// (`[env.shards]`), whose `SHARDS` variable says which regions each holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layout {
    env: Option<String>,
    map: ShardMap,
}

impl Layout {
    /// One database for everything (the default).
    pub fn single() -> Layout {
        Layout { env: None, map: ShardMap::default() }
    }

    /// The databases of the wrangler environment `env`, as its `SHARDS` variable maps them.
    pub fn of_env(env: &str) -> Result<Layout> {
        let path = root().join("edge/wrangler.toml");
        let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let section = format!("[env.{env}.vars]");
        let shards = text
            .lines()
            .skip_while(|line| line.trim() != section)
            .skip(1)
            .take_while(|line| !line.trim_start().starts_with('['))
            .find_map(|line| line.trim().strip_prefix("SHARDS = \"")?.strip_suffix('"').map(str::to_string))
            // An environment without a SHARDS map has one database, `DB`.
            .unwrap_or_default();
        if !text.contains(&format!("[env.{env}")) {
            return Err(format!("{}: no environment `{env}`", path.display()));
        }
        let map = ShardMap::parse(&shards).map_err(|e| e.to_string())?;
        let layout = Layout { env: Some(env.to_string()), map };
        if layout.bindings().len() > MAX_DATABASES {
            return Err(format!(
                "[env.{env}]: {} databases, at most {MAX_DATABASES}: each numbers its rows from n << 28, and the \
                 name index needs subject ids below 2^32 (migration 0010)",
                layout.bindings().len()
            ));
        }
        Ok(layout)
    }

    /// The wrangler environment, if not the top level.
    pub fn env(&self) -> Option<&str> {
        self.env.as_deref()
    }

    /// The D1 bindings, the directory (`DB`) first; a database's place in this list is its
    /// id base's number (migration `0010_shard_identity.sql`).
    pub fn bindings(&self) -> Vec<&str> {
        let mut bindings = vec![SINGLE];
        bindings.extend(self.map.all().into_iter().filter(|b| *b != SINGLE));
        bindings
    }

    /// The first id of the database numbered `index` (2^28 rows each).
    pub fn id_base(index: usize) -> i64 {
        (index as i64) << 28
    }

    /// The index in [`Layout::bindings`] of a generated subject's database.
    pub fn database_of(&self, subject: &Subject) -> usize {
        self.database_of_region(region_of_code(&subject.code).unwrap_or(&subject.region))
    }

    /// The index in [`Layout::bindings`] of the database of `region`.
    pub fn database_of_region(&self, region: &str) -> usize {
        let binding = self.map.shard_of_region(region);
        self.bindings().iter().position(|b| *b == binding).unwrap_or(0)
    }

    /// A wrangler command in the layout's environment.
    pub fn wrangler(&self, tools: &Tools, args: &[&str]) -> Command {
        let mut all = args.to_vec();
        if let Some(env) = self.env() {
            all.extend_from_slice(&["--env", env]);
        }
        wrangler(tools, &all)
    }
}

/// A fresh local D1 under `state` (each database of `layout`), migrated and loaded with
/// `subjects` demo subjects generated as of `today`.
pub fn load_database(tools: &Tools, state: &Path, subjects: usize, today: Date, layout: &Layout) -> Result<()> {
    let _ = std::fs::remove_dir_all(state);
    std::fs::create_dir_all(state).map_err(|e| format!("cannot create {}: {e}", state.display()))?;
    let persist = state.to_string_lossy().into_owned();
    let bindings = layout.bindings();
    for (index, binding) in bindings.iter().enumerate() {
        step(&format!("applying D1 migrations to a fresh local database ({binding})"));
        run(&mut layout.wrangler(tools, &["d1", "migrations", "apply", binding, "--local", "--persist-to", &persist]))?;
        if index > 0 {
            let identity = format!(
                "INSERT INTO shard_identity (only, binding, base) VALUES (1, '{binding}', {})",
                Layout::id_base(index)
            );
            run(&mut layout.wrangler(
                tools,
                &["d1", "execute", binding, "--local", "--persist-to", &persist, "--command", &identity],
            ))?;
        }
    }
    step(&format!("generating {subjects} demo subjects over {} database(s)", bindings.len()));
    let paths: Vec<PathBuf> = bindings.iter().map(|b| state.join(format!("demo-{b}.sql"))).collect();
    let mut outs = paths
        .iter()
        .map(|path| {
            std::fs::File::create(path)
                .map(std::io::BufWriter::new)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))
        })
        .collect::<Result<Vec<_>>>()?;
    let bases: Vec<i64> = (0..bindings.len()).map(Layout::id_base).collect();
    let config = demo_config(subjects, today);
    let mut last = Instant::now();
    write_sql_split(
        &config,
        &mut outs,
        &bases,
        |s| layout.database_of(s),
        |done| {
            if last.elapsed() > Duration::from_secs(2) || done == subjects {
                eprintln!("    {done}/{subjects} subjects");
                last = Instant::now();
            }
        },
    )
    .and_then(|_| outs.iter_mut().try_for_each(|out| out.flush()))
    .map_err(|e| format!("cannot write demo data: {e}"))?;
    drop(outs);
    for (binding, path) in bindings.iter().zip(&paths) {
        step(&format!("loading the demo data into the local D1 ({binding})"));
        let sql = path.to_string_lossy().into_owned();
        run(&mut layout.wrangler(
            tools,
            &["d1", "execute", binding, "--local", "--persist-to", &persist, "--file", &sql, "--yes"],
        ))?;
    }
    Ok(())
}

/// A running `wrangler dev`, in its own process group, stopped with it on drop.
pub struct Server {
    child: Child,
    own_group: bool,
    /// Its base URL.
    pub url: String,
    /// The DevTools WebSocket of the worker's isolate (wrangler's inspector proxy).
    pub inspector: String,
}

impl Server {
    /// Start `wrangler dev` on `port` with the database under `state`, and wait for health.
    ///
    /// `own_group`: run it in a process group of its own, stopped as a whole on drop (tests).
    /// Without it (dev), it stays in the terminal's foreground group, so Ctrl-C reaches
    /// wrangler and workerd directly.
    pub fn start(tools: &Tools, state: &Path, port: u16, log: Option<&Path>, own_group: bool) -> Result<Server> {
        Server::start_with(tools, state, port, log, own_group, &Layout::single(), &[])
    }

    /// [`Server::start`] with extra worker variables (`--var NAME:VALUE`), e.g. the test
    /// environment and its pinned clock.
    pub fn start_with(
        tools: &Tools,
        state: &Path,
        port: u16,
        log: Option<&Path>,
        own_group: bool,
        layout: &Layout,
        vars: &[(&str, String)],
    ) -> Result<Server> {
        let (mut server, nonce) = Server::spawn(tools, state, port, log, own_group, layout, vars)?;
        let health = format!("{}/api/v1/health", server.url);
        wait_healthy(&mut server.child, &health, &nonce, Duration::from_secs(120)).map_err(|e| match log {
            Some(log) => format!("{e} (its log: {})", log.display()),
            None => e,
        })?;
        Ok(server)
    }

    /// Whether the server process has exited.
    pub fn exited(&mut self) -> bool {
        self.child.try_wait().ok().flatten().is_some()
    }

    /// Start `wrangler dev` without waiting for it to be healthy; the nonce its health
    /// route will answer with.
    pub fn spawn(
        tools: &Tools,
        state: &Path,
        port: u16,
        log: Option<&Path>,
        own_group: bool,
        layout: &Layout,
        vars: &[(&str, String)],
    ) -> Result<(Server, String)> {
        write_dev_vars()?;
        // A server already on the port would answer in place of ours, with its own code and
        // database: refuse to start rather than test it.
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Err(format!(
                "port {port} is already in use — a server left from an earlier run? Stop it (`fuser -k {port}/tcp`) and run again"
            ));
        }
        let persist = state.to_string_lossy().into_owned();
        let port_text = port.to_string();
        // A fixed inspector port per server port, so that servers side by side do not collide.
        let inspector_port = (port + 1000).to_string();
        // Health answers with this nonce, so we know it is this server that answers.
        let nonce = format!("{:x}-{}", crate::clock::real_millis(), std::process::id());
        let mut args: Vec<String> = [
            "dev",
            "--ip",
            "127.0.0.1",
            "--port",
            &port_text,
            "--persist-to",
            &persist,
            "--inspector-port",
            &inspector_port,
            "--show-interactive-dev-session=false",
        ]
        .iter()
        .map(|a| a.to_string())
        .collect();
        for (name, value) in vars.iter().map(|(n, v)| (*n, v.clone())).chain([("INSTANCE_NONCE", nonce.clone())]) {
            args.push("--var".into());
            args.push(format!("{name}:{value}"));
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let mut command = layout.wrangler(tools, &args);
        if let Some(log) = log {
            let file = std::fs::File::create(log).map_err(|e| format!("cannot write {}: {e}", log.display()))?;
            command.stdout(file.try_clone().map_err(|e| e.to_string())?).stderr(file);
        }
        if own_group {
            command.process_group(0);
        }
        let child = command.spawn().map_err(|e| format!("cannot start wrangler dev: {e}"))?;
        if own_group {
            crate::process::register_group(child.id() as i32);
        }
        let server = Server {
            child,
            url: format!("http://127.0.0.1:{port}"),
            inspector: format!("ws://127.0.0.1:{inspector_port}/ws"),
            own_group,
        };
        Ok((server, nonce))
    }

    /// The URL of the worker's own workerd, without `wrangler dev`'s proxy worker in front;
    /// `None` if it cannot be found (Linux `/proc` only, servers in their own group only).
    ///
    /// `wrangler dev` sends every request through a proxy worker in a second workerd, which
    /// adds a hop and pauses of its own (tens to hundreds of milliseconds on a small VM).
    /// Production has no such proxy, so the benchmark measures latency without it. The
    /// worker's workerd listens on ports chosen at start; the one that answers the health
    /// route is its entry.
    pub fn direct_url(&self) -> Option<String> {
        if !self.own_group {
            return None;
        }
        let group = self.child.id().to_string();
        let entries = std::fs::read_dir("/proc").ok()?;
        for entry in entries.flatten() {
            let proc_dir = entry.path();
            let Ok(stat) = std::fs::read_to_string(proc_dir.join("stat")) else { continue };
            // Fields after the command name: state, ppid, pgrp, …
            let in_group = stat.rsplit_once(')').and_then(|(_, rest)| rest.split_whitespace().nth(2)) == Some(&group);
            let cmdline = std::fs::read_to_string(proc_dir.join("cmdline")).unwrap_or_default();
            if !in_group || !cmdline.contains("workerd") || !cmdline.contains("entry=127.0.0.1:0") {
                continue;
            }
            for port in listening_ports(&proc_dir) {
                let url = format!("http://127.0.0.1:{port}");
                if http_get_ok(&format!("{url}/api/v1/health")) {
                    return Some(url);
                }
            }
        }
        None
    }

    /// Wait until the server exits (Ctrl-C reaches its process group through ours).
    pub fn wait(mut self) -> Result<()> {
        let _ = self.child.wait();
        Ok(())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if !self.own_group {
            let _ = self.child.wait();
            return;
        }
        // SIGTERM to the whole group (wrangler and its workerd), then SIGKILL, then reap.
        let group = self.child.id() as i32;
        crate::process::stop_group(&mut self.child, group);
        crate::process::unregister_group(group);
    }
}

/// Wait until `health` answers 200 with this server's `nonce`, while `child` (the server
/// started) is alive. wrangler prints "Ready" before the wasm is loaded, so the route is
/// polled. A server that answers with another nonce (or none) is not ours: one left from an
/// earlier run, serving old code and an old database.
fn wait_healthy(child: &mut Child, health: &str, nonce: &str, timeout: Duration) -> Result<()> {
    let start = Instant::now();
    while start.elapsed() < timeout {
        if let Ok(Some(status)) = child.try_wait() {
            return Err(format!("the server exited ({status}) before it answered {health}"));
        }
        if let Some((200, body)) = http_get(health) {
            let answered = serde_json::from_str::<serde_json::Value>(&body)
                .ok()
                .and_then(|v| v.get("instance").and_then(|i| i.as_str()).map(String::from));
            if answered.as_deref() == Some(nonce) {
                return Ok(());
            }
            return Err(format!(
                "another server answers {health} (instance {answered:?}, ours is {nonce:?}) — one left from an earlier run? Stop it and run again"
            ));
        }
        std::thread::sleep(Duration::from_millis(300));
    }
    Err(format!("the worker did not answer {health} within {timeout:?}"))
}

/// The TCP ports a process listens on: its socket inodes matched against `/proc/net/tcp`.
fn listening_ports(proc_dir: &Path) -> Vec<u16> {
    let inodes: Vec<String> = std::fs::read_dir(proc_dir.join("fd"))
        .map(|fds| {
            fds.flatten()
                .filter_map(|fd| std::fs::read_link(fd.path()).ok())
                .filter_map(|target| {
                    let target = target.to_string_lossy().into_owned();
                    Some(target.strip_prefix("socket:[")?.strip_suffix(']')?.to_string())
                })
                .collect()
        })
        .unwrap_or_default();
    let table = std::fs::read_to_string("/proc/net/tcp").unwrap_or_default();
    table
        .lines()
        .skip(1)
        .filter_map(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            let (local, state, inode) = (fields.get(1)?, fields.get(3)?, fields.get(9)?);
            // 0A: LISTEN.
            if *state != "0A" || !inodes.iter().any(|i| i == inode) {
                return None;
            }
            u16::from_str_radix(local.rsplit_once(':')?.1, 16).ok()
        })
        .collect()
}

/// A minimal HTTP GET on loopback: the status and body, if anything answered.
pub fn http_get(url: &str) -> Option<(u16, String)> {
    use std::io::Read;
    let rest = url.strip_prefix("http://")?;
    let (host, path) = rest.split_once('/').map_or((rest, "/".to_string()), |(h, p)| (h, format!("/{p}")));
    let mut stream = std::net::TcpStream::connect(host).ok()?;
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").ok()?;
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let text = String::from_utf8_lossy(&response);
    let (head, body) = text.split_once("\r\n\r\n")?;
    let status = head.split_whitespace().nth(1)?.parse().ok()?;
    // The health body is small and sent whole; chunked framing is stripped crudely.
    let body = if head.to_ascii_lowercase().contains("transfer-encoding: chunked") {
        body.lines().filter(|l| l.starts_with('{')).collect::<Vec<_>>().join("")
    } else {
        body.to_string()
    };
    Some((status, body))
}

/// A minimal HTTP GET on loopback: true on a 200 answer.
pub fn http_get_ok(url: &str) -> bool {
    use std::io::Read;
    let Some(rest) = url.strip_prefix("http://") else { return false };
    let (host, path) = rest.split_once('/').map_or((rest, "/".to_string()), |(h, p)| (h, format!("/{p}")));
    let Ok(mut stream) = std::net::TcpStream::connect(host) else { return false };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    if write!(stream, "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").is_err() {
        return false;
    }
    let mut buffer = [0u8; 16];
    stream.read(&mut buffer).is_ok_and(|n| buffer[..n].starts_with(b"HTTP/1.1 200"))
}

/// Where the dev server keeps its state.
pub fn dev_state() -> PathBuf {
    root().join(".state/dev")
}

/// `cargo xtask dev`.
pub fn dev(args: &[String]) -> Result<()> {
    let subjects = flag(args, "--subjects")
        .map_or(Ok(DEMO_SUBJECTS), |s| s.parse().map_err(|_| format!("--subjects {s}: a number")))?;
    let tools = tools::ensure()?;
    build::frontend(&tools)?;
    build::worker(&tools)?;
    load_database(&tools, &dev_state(), subjects, today(), &Layout::single())?;
    step("starting wrangler dev (the worker, local D1 and the portal's static files)");
    let server = Server::start(&tools, &dev_state(), 8787, None, false)?;
    eprintln!(
        "\n  gzcredit is running:\n    portal    {0}/\n    widget    {0}/widget.js\n    API       {0}/api/v1/health\n  Try: {0}/search?q=黔信示范  ·  Ctrl-C stops everything.\n",
        server.url
    );
    server.wait()
}

/// The demo data's configuration for `today`: what `dev` and the tests load.
pub fn demo_config(subjects: usize, today: Date) -> Config {
    Config { subjects, records_per_subject: 3, seed: DEMO_SEED, today }
}

/// The demo data's seed (the regulation's draft year and the platform's first day).
const DEMO_SEED: u64 = 20180701;

/// `cargo xtask relevance`: write `tests/data/relevance.toml`, the search's relevance set
/// on the demo data (`gzcredit_datagen::relevance`).
pub fn write_relevance() -> Result<()> {
    let config = demo_config(DEMO_SUBJECTS, today());
    let cases = gzcredit_datagen::relevance::cases(&config, RELEVANCE_PER_KIND);
    let path = crate::root().join("tests/data/relevance.toml");
    std::fs::create_dir_all(path.parent().expect("a parent")).map_err(|e| e.to_string())?;
    std::fs::write(&path, gzcredit_datagen::relevance::to_toml(&config, &cases)).map_err(|e| e.to_string())?;
    step(&format!("wrote {} queries to {}", cases.len(), path.display()));
    Ok(())
}

/// Queries per kind in the relevance set (the issue's sample of 60 organisation names).
pub const RELEVANCE_PER_KIND: usize = 60;

/// `cargo xtask demo-sql [--subjects N]`.
pub fn demo_sql(args: &[String]) -> Result<()> {
    let subjects = flag(args, "--subjects")
        .map_or(Ok(DEMO_SUBJECTS), |s| s.parse().map_err(|_| format!("--subjects {s}: a number")))?;
    let config = demo_config(subjects, today());
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    write_sql(&config, &mut out, |_| {}).and_then(|_| out.flush()).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn a_server_that_dies_while_starting_is_reported_at_once() {
        let mut child = Command::new("sh").args(["-c", "exit 3"]).spawn().unwrap();
        let start = Instant::now();
        let result = wait_healthy(&mut child, "http://127.0.0.1:9/api/v1/health", "n", Duration::from_secs(60));
        let error = result.expect_err("a dead server is not healthy");
        assert!(error.contains("exited"), "{error}");
        assert!(start.elapsed() < Duration::from_secs(10), "waited {:?} for a dead process", start.elapsed());
    }

    #[test]
    fn a_stale_server_on_the_port_is_not_taken_for_ours() {
        // An "earlier run's" server: healthy, but with another instance nonce.
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            // Serves every poll until the test ends: a server that stops after a few
            // connections made this test fail on a loaded CI machine.
            for mut stream in listener.incoming().flatten() {
                // Read the whole request before answering: closing a socket with unread
                // input resets it, and the client may lose the answer.
                let mut request = Vec::new();
                let mut chunk = [0u8; 1024];
                while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                    match stream.read(&mut chunk) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => request.extend_from_slice(&chunk[..n]),
                    }
                }
                let body =
                    r#"{"status":"ok","version":"0.1.0","today":"2026-01-01","catalog_version":"x","instance":"old"}"#;
                let _ = write!(
                    stream,
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
                    body.len()
                );
            }
        });
        let mut child = Command::new("sleep").arg("30").spawn().unwrap();
        let health = format!("http://127.0.0.1:{port}/api/v1/health");
        let result = wait_healthy(&mut child, &health, "new", Duration::from_secs(20));
        let _ = child.kill();
        let _ = child.wait();
        let error = result.expect_err("another server's answer is not ours");
        assert!(error.contains("another server"), "{error}");
        // And with our nonce it is accepted.
        let mut child = Command::new("sleep").arg("30").spawn().unwrap();
        let ours = wait_healthy(&mut child, &health, "old", Duration::from_secs(20));
        assert!(ours.is_ok(), "our own server was not accepted: {ours:?}");
        let _ = child.kill();
        let _ = child.wait();
    }
}
