//! Timing whole processes: wall time from spawn to exit, and the peak
//! resident set of that one child, read from `wait4`'s rusage (Linux
//! reports `ru_maxrss` in KiB). One warm-up run first (page cache, lazy
//! binding), then `runs` measured runs, summarised as median and min–max.

use std::io;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// One way of running a program.
#[derive(Debug, Clone)]
pub(crate) struct Cmd {
    pub program: String,
    pub args: Vec<String>,
    /// Exit statuses that count as a good run (findings exit 1 is fine).
    pub ok: Vec<i32>,
    /// How to show the command when its arguments are too many.
    pub label: Option<String>,
    /// Environment variables set for the command.
    pub env: Vec<(String, String)>,
    /// A folder removed before every run (a cache the run must rebuild).
    pub reset: Option<std::path::PathBuf>,
}

impl Cmd {
    pub(crate) fn new(program: impl AsRef<Path>, args: &[&str]) -> Cmd {
        Cmd {
            program: program.as_ref().display().to_string(),
            args: args.iter().map(|a| (*a).to_owned()).collect(),
            ok: vec![0],
            label: None,
            env: Vec::new(),
            reset: None,
        }
    }

    pub(crate) fn env(mut self, key: &str, value: &str) -> Cmd {
        self.env.push((key.to_owned(), value.to_owned()));
        self
    }

    /// Removes `dir` before every run, the warm-up included.
    pub(crate) fn reset(mut self, dir: &Path) -> Cmd {
        self.reset = Some(dir.to_path_buf());
        self
    }

    pub(crate) fn ok_statuses(mut self, ok: &[i32]) -> Cmd {
        self.ok = ok.to_vec();
        self
    }

    /// The command line, for the report.
    pub(crate) fn shown(&self) -> String {
        if let Some(label) = &self.label {
            return label.clone();
        }
        let program =
            Path::new(&self.program).file_name().map_or(self.program.clone(), |n| n.to_string_lossy().into());
        let mut parts: Vec<String> = self.env.iter().map(|(k, v)| format!("{k}={v}")).collect();
        parts.push(program);
        parts.extend(
            self.args.iter().map(|a| if a.len() > 60 { format!("{}…", &a[..57]) } else { a.clone() }),
        );
        parts.join(" ")
    }
}

/// One measured run.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sample {
    pub wall: Duration,
    /// Peak resident set, bytes.
    pub rss: u64,
    /// User plus system CPU time: the work done, whatever else runs.
    pub cpu: Duration,
}

/// The summary of several runs.
#[derive(Debug, Clone)]
pub(crate) struct Stats {
    pub samples: Vec<Sample>,
}

impl Stats {
    pub(crate) fn median(&self) -> Duration {
        median(self.samples.iter().map(|s| s.wall).collect())
    }

    pub(crate) fn min(&self) -> Duration {
        self.samples.iter().map(|s| s.wall).min().unwrap_or_default()
    }

    pub(crate) fn max(&self) -> Duration {
        self.samples.iter().map(|s| s.wall).max().unwrap_or_default()
    }

    /// Median of the peak resident sets.
    pub(crate) fn rss(&self) -> u64 {
        median(self.samples.iter().map(|s| s.rss).collect())
    }

    /// Median CPU time (user + system).
    pub(crate) fn cpu(&self) -> Duration {
        median(self.samples.iter().map(|s| s.cpu).collect())
    }
}

/// Runs `cmd` once to warm up, then `runs` times; an unexpected exit
/// status is an error that quotes the program's stderr.
pub(crate) fn measure(cmd: &Cmd, runs: usize) -> io::Result<Stats> {
    run_once(cmd)?;
    let samples = (0..runs).map(|_| run_once(cmd)).collect::<io::Result<_>>()?;
    Ok(Stats { samples })
}

fn run_once(cmd: &Cmd) -> io::Result<Sample> {
    if let Some(dir) = &cmd.reset {
        match std::fs::remove_dir_all(dir) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    let mut command = Command::new(&cmd.program);
    command
        .envs(cmd.env.iter().map(|(k, v)| (k, v)))
        .args(&cmd.args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let start = Instant::now();
    let mut child = command.spawn()?;
    // stderr is read to the end before waiting, so a chatty child never
    // blocks on a full pipe.
    let mut stderr = String::new();
    if let Some(mut pipe) = child.stderr.take() {
        io::Read::read_to_string(&mut pipe, &mut stderr)?;
    }
    let (code, sample) = wait4_sample(child.id(), start)?;
    if !cmd.ok.contains(&code) {
        let tail: String = stderr.lines().take(5).collect::<Vec<_>>().join("\n");
        return Err(io::Error::other(format!("`{}` exited {code}: {tail}", cmd.shown())));
    }
    Ok(sample)
}

/// Waits for a child started at `start`: its exit status (-1 if killed by
/// a signal), and its wall time, peak resident set and CPU time.
pub(crate) fn wait4_sample(pid: u32, start: Instant) -> io::Result<(i32, Sample)> {
    let (status, rusage) = wait4(pid)?;
    let wall = start.elapsed();
    let code = if libc::WIFEXITED(status) { libc::WEXITSTATUS(status) } else { -1 };
    let time = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    let cpu = time(rusage.ru_utime) + time(rusage.ru_stime);
    Ok((code, Sample { wall, rss: rusage.ru_maxrss as u64 * 1024, cpu }))
}

/// Waits for one child and returns its status and resource usage. The
/// `Child` handle is not waited on afterwards (it would find no child).
fn wait4(pid: u32) -> io::Result<(i32, libc::rusage)> {
    let mut status = 0;
    // SAFETY: rusage is plain data that wait4 fills in; pid is our child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: valid pointers to locals; pid names a child of ours.
        let r = unsafe { libc::wait4(pid as libc::pid_t, &raw mut status, 0, &raw mut usage) };
        if r == pid as libc::pid_t {
            return Ok((status, usage));
        }
        let e = io::Error::last_os_error();
        if e.kind() != io::ErrorKind::Interrupted {
            return Err(e);
        }
    }
}

fn median<T: Copy + Ord + Default>(mut v: Vec<T>) -> T {
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}
