//! Criterion benchmark of the disclosure decision over a realistic record mix: every
//! catalog item, live and ended records, persons on a tenth, viewers weighted as traffic
//! is (mostly the public). Reports decisions per second (`cargo bench -p gzcredit-shared`).

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use gzcredit_shared::catalog;
use gzcredit_shared::date::Date;
use gzcredit_shared::disclosure::{decide, present_record, Viewer};
use gzcredit_shared::matter::Matter;
use gzcredit_shared::query_window::PublicityFacts;
use gzcredit_shared::record::{Person, PersonRole, Record};

fn mix() -> (Vec<Record>, Vec<Viewer>, Date) {
    let today = Date::parse("2026-11-28").unwrap();
    let mut seed = 0x2018_0701u64;
    let mut next = move |n: u64| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    let records = (0..10_000)
        .map(|i| {
            let item = &catalog::ITEMS[next(catalog::ITEMS.len() as u64) as usize];
            Record {
                id: i,
                subject_code: format!("S{}", next(1000)),
                subject_is_natural_person: next(50) == 0,
                item_code: item.code.into(),
                document_number: format!("D{i}"),
                title: "罚款".into(),
                content: String::new(),
                provider_department: format!("P{}", next(20)),
                legal_basis: String::new(),
                publicity: PublicityFacts {
                    decision_date: Some(today.add_days(-(next(2500) as i32))),
                    act_end_date: (next(4) > 0).then(|| today.add_days(-(next(1800) as i32))),
                    valid_until: None,
                    penalty_types: vec![],
                    withdrawal: None,
                    ..PublicityFacts::default()
                },
                persons: if next(10) == 0 {
                    vec![Person { role: PersonRole::LegalRepresentative, name: "张三丰".into(), id_number: None }]
                } else {
                    vec![]
                },
                under_objection: false,
            }
        })
        .collect();
    let viewers = vec![
        Viewer::Public,
        Viewer::Public,
        Viewer::Public,
        Viewer::Public,
        Viewer::Subject { code: "S1".into() },
        Viewer::Agency { agency: "A".into(), matter: Matter::GovernmentProcurement, permissions: Default::default() },
        Viewer::Provider { department: "P1".into() },
    ];
    (records, viewers, today)
}

fn bench(c: &mut Criterion) {
    let (records, viewers, today) = mix();
    let mut group = c.benchmark_group("disclosure");
    group.throughput(Throughput::Elements(records.len() as u64));
    group.bench_function("decide", |b| {
        b.iter(|| {
            let mut shown = 0usize;
            for (i, record) in records.iter().enumerate() {
                shown += usize::from(decide(&viewers[i % viewers.len()], black_box(record), today).is_shown());
            }
            shown
        })
    });
    group.bench_function("present_record", |b| {
        b.iter(|| {
            records
                .iter()
                .enumerate()
                .filter_map(|(i, r)| present_record(&viewers[i % viewers.len()], black_box(r), today))
                .count()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
