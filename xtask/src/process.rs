//! Child processes with a deadline: every command xtask runs is in a process group of its
//! own, so that a hung step (a test waiting on a dead socket, a build stuck on a lock) is
//! stopped as a whole when its time is up, and an interrupted xtask takes its children
//! with it instead of leaving a server behind that a later run would talk to.

use std::io::{Read, Write};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::{Arc, Mutex, Once};
use std::time::{Duration, Instant};

/// How a command ended.
pub struct Finished {
    /// Its standard output (empty unless captured).
    pub stdout: String,
    /// Its standard output and error, interleaved as they came (empty unless captured).
    #[cfg_attr(not(test), allow(dead_code))]
    pub output: String,
    /// Its exit status; `None` when it could not be started or was stopped at its deadline.
    pub status: Option<ExitStatus>,
    /// Why it did not finish by itself, when it did not.
    pub problem: Option<String>,
}

impl Finished {
    /// Whether it ran to the end and exited with success.
    pub fn success(&self) -> bool {
        self.problem.is_none() && self.status.is_some_and(|s| s.success())
    }

    /// A one-line account of a failure, for the summary.
    pub fn describe(&self, what: &str) -> String {
        match (&self.problem, self.status) {
            (Some(problem), _) => format!("{what}: {problem}"),
            (None, Some(status)) => format!("{what} failed ({status})"),
            (None, None) => format!("{what} did not run"),
        }
    }
}

/// What becomes of a child's output.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Output {
    /// Passed through to our own streams, not kept.
    PassThrough,
    /// Echoed to our standard error, and a copy kept.
    Echo,
    /// Kept, not shown: for the runner's self-tests, whose deliberately failing fixtures
    /// must not print `✖` lines that a reader of the run's log would take for failures.
    #[cfg_attr(not(test), allow(dead_code))]
    Quiet,
}

/// Run `command` with its output passed through, and stop it after `timeout`.
pub fn run(command: &mut Command, timeout: Duration) -> Finished {
    execute(command, timeout, Output::PassThrough)
}

/// Run `command`, echoing its output to our standard error while keeping a copy, and stop
/// it after `timeout`.
pub fn capture(command: &mut Command, timeout: Duration) -> Finished {
    execute(command, timeout, Output::Echo)
}

/// Run `command` with its output handled as `output` says, and stop it after `timeout`.
pub fn execute(command: &mut Command, timeout: Duration, output_mode: Output) -> Finished {
    install_interrupt_forwarding();
    command.process_group(0);
    if output_mode != Output::PassThrough {
        command.stdout(Stdio::piped()).stderr(Stdio::piped());
    }
    let mut child = match command.spawn() {
        Ok(child) => child,
        Err(e) => {
            let problem = Some(format!("cannot start {command:?}: {e}"));
            return Finished { stdout: String::new(), output: String::new(), status: None, problem };
        }
    };
    let group = child.id() as i32;
    register_group(group);
    let output = Arc::new(Mutex::new(Vec::new()));
    let stdout = Arc::new(Mutex::new(Vec::new()));
    let mut readers = Vec::new();
    if let Some(stream) = child.stdout.take() {
        readers.push(echo(stream, output_mode, Arc::clone(&output), Some(Arc::clone(&stdout))));
    }
    if let Some(stream) = child.stderr.take() {
        readers.push(echo(stream, output_mode, Arc::clone(&output), None));
    }
    let (status, problem) = wait_or_stop(&mut child, group, timeout);
    for reader in readers {
        let _ = reader.join();
    }
    unregister_group(group);
    let text = |buffer: &Mutex<Vec<u8>>| String::from_utf8_lossy(&buffer.lock().expect("output buffer")).into_owned();
    Finished { stdout: text(&stdout), output: text(&output), status, problem }
}

type Buffer = Arc<Mutex<Vec<u8>>>;

/// Copy a child's stream into `all` (and `only`, if given), and to our standard error
/// unless `mode` is quiet.
fn echo(
    mut stream: impl Read + Send + 'static,
    mode: Output,
    all: Buffer,
    only: Option<Buffer>,
) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        let mut buffer = [0u8; 8192];
        while let Ok(n) = stream.read(&mut buffer) {
            if n == 0 {
                break;
            }
            if mode == Output::Echo {
                let _ = std::io::stderr().write_all(&buffer[..n]);
            }
            all.lock().expect("output buffer").extend_from_slice(&buffer[..n]);
            if let Some(only) = &only {
                only.lock().expect("output buffer").extend_from_slice(&buffer[..n]);
            }
        }
    })
}

fn wait_or_stop(child: &mut Child, group: i32, timeout: Duration) -> (Option<ExitStatus>, Option<String>) {
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => {
                // The leader is done; anything it left running in its group goes with it.
                signal_group(group, libc::SIGKILL);
                return (Some(status), None);
            }
            Ok(None) if start.elapsed() >= timeout => {
                stop_group(child, group);
                return (None, Some(format!("stopped after its time limit of {} s", timeout.as_secs())));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(100)),
            Err(e) => return (None, Some(format!("cannot wait for it: {e}"))),
        }
    }
}

/// SIGTERM to the whole group, SIGKILL after 5 seconds, then reap the leader.
pub fn stop_group(child: &mut Child, group: i32) {
    signal_group(group, libc::SIGTERM);
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    signal_group(group, libc::SIGKILL);
    let _ = child.wait();
}

/// Signal a whole process group with the `killpg` system call. (Not the `kill` command:
/// argument parsing differs between implementations, and a mis-parsed negative pid can
/// signal every process of the user.)
pub fn signal_group(group: i32, signal: i32) {
    if group > 1 {
        // SAFETY: killpg only sends a signal; a group that no longer exists yields ESRCH.
        unsafe {
            libc::killpg(group, signal);
        }
    }
}

/// Process groups to take down if xtask itself is interrupted. A fixed table of atomics,
/// because the signal handler may not lock or allocate.
static GROUPS: [AtomicI32; 16] = [const { AtomicI32::new(0) }; 16];

/// Remember a process group to stop if xtask is interrupted.
pub fn register_group(group: i32) {
    install_interrupt_forwarding();
    for slot in &GROUPS {
        if slot.compare_exchange(0, group, Ordering::SeqCst, Ordering::SeqCst).is_ok() {
            return;
        }
    }
}

/// Forget a process group that has ended.
pub fn unregister_group(group: i32) {
    for slot in &GROUPS {
        let _ = slot.compare_exchange(group, 0, Ordering::SeqCst, Ordering::SeqCst);
    }
}

extern "C" fn on_interrupt(signal: libc::c_int) {
    for slot in &GROUPS {
        let group = slot.load(Ordering::SeqCst);
        if group > 1 {
            // SAFETY: killpg is async-signal-safe.
            unsafe {
                libc::killpg(group, libc::SIGTERM);
            }
        }
    }
    // SAFETY: restoring the default action and re-raising are async-signal-safe; xtask
    // then ends as the signal would have ended it.
    unsafe {
        libc::signal(signal, libc::SIG_DFL);
        libc::raise(signal);
    }
}

fn install_interrupt_forwarding() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let handler = on_interrupt as extern "C" fn(libc::c_int) as libc::sighandler_t;
        // SAFETY: the handler only calls async-signal-safe functions.
        unsafe {
            libc::signal(libc::SIGINT, handler);
            libc::signal(libc::SIGTERM, handler);
            libc::signal(libc::SIGHUP, handler);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_command_past_its_deadline_is_stopped_with_its_children() {
        let start = Instant::now();
        // The shell's child `sleep` is in the same group and must go too.
        let finished =
            capture(Command::new("sh").args(["-c", "echo started; sleep 30 & sleep 30"]), Duration::from_secs(1));
        assert!(start.elapsed() < Duration::from_secs(10), "not stopped: {:?}", start.elapsed());
        assert!(!finished.success());
        assert!(finished.problem.as_deref().is_some_and(|p| p.contains("time limit")), "{:?}", finished.problem);
        assert!(finished.output.contains("started"));
    }

    #[test]
    fn output_and_status_are_kept() {
        let finished =
            capture(Command::new("sh").args(["-c", "echo out; echo err >&2; exit 3"]), Duration::from_secs(20));
        assert_eq!(finished.status.and_then(|s| s.code()), Some(3));
        assert!(finished.output.contains("out") && finished.output.contains("err"));
        assert!(!finished.success());
        let ok = capture(&mut Command::new("true"), Duration::from_secs(20));
        assert!(ok.success());
    }

    #[test]
    fn a_command_that_cannot_start_is_a_failure() {
        let finished = run(&mut Command::new("/nonexistent/program"), Duration::from_secs(5));
        assert!(!finished.success());
        assert!(finished.describe("x").contains("cannot start"));
    }
}
