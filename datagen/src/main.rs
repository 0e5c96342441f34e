//! `gzcredit-datagen --subjects N [--seed S] [--today YYYY-MM-DD] [--records-per-subject R]
//! [--relevance PER_KIND]`: write the demo data set as SQL to standard output, or with
//! `--relevance` its relevance set (kind, query, code and name, tab-separated). `cargo
//! xtask dev` and `bench` call the library directly; this binary is for looking at the data.

use gzcredit_datagen::{write_sql, Config};
use gzcredit_shared::Date;
use std::io::Write;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let number = |name: &str, default: u64| -> u64 {
        value(name).map_or(default, |v| {
            v.parse().unwrap_or_else(|_| {
                eprintln!("{name} takes a number, not {v:?}");
                std::process::exit(2)
            })
        })
    };
    let today = match value("--today") {
        Some(text) => Date::parse(&text).unwrap_or_else(|e| {
            eprintln!("{e}");
            std::process::exit(2)
        }),
        None => Date::shanghai_from_unix_millis(
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as i64),
        ),
    };
    let config = Config {
        subjects: number("--subjects", 3000) as usize,
        records_per_subject: number("--records-per-subject", 3) as usize,
        seed: number("--seed", 20180701),
        today,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if value("--relevance").is_some() {
        for case in gzcredit_datagen::relevance::cases(&config, number("--relevance", 60) as usize) {
            let _ = writeln!(out, "{}\t{}\t{}\t{}", case.kind, case.query, case.code, case.name);
        }
        let _ = out.flush();
        return;
    }
    if let Err(e) = write_sql(&config, &mut out, |_| {}).and_then(|_| out.flush()) {
        eprintln!("cannot write: {e}");
        std::process::exit(1);
    }
}
