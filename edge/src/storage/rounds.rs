//! Reads sent together: every read a request starts in the same turn of the event loop
//! goes to D1 as one batch, one round trip.
//!
//! Handlers already start their independent reads together (`join`); D1 would still
//! answer them one call at a time. A [`Rounds`] queue collects the statements of one turn
//! (a read joins the open round, then yields for one microtask so that the reads polled
//! alongside it join too); the first read to wake sends the round, and every read takes its
//! own statement's rows from the answer. A round of several statements is one `batch`,
//! which D1 runs as one transaction: the reads also see one snapshot.
//!
//! The token revocation check rides along with the first round of the request
//! ([`Rounds::check_token`]), so that a signed-in request pays no round trip of its own for
//! it; a request that reads nothing checks it alone at the end.

use js_sys::{Array, Function, Promise, Reflect};
use std::cell::{Cell, RefCell};
use std::future::poll_fn;
use std::rc::Rc;
use std::task::{Poll, Waker};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use worker::{D1Database, D1PreparedStatement};

/// The SQL of the revocation check: one row if the token is listed.
pub(super) const REVOKED_SQL: &str = "SELECT 1 AS found FROM revoked_tokens WHERE jti = ?1";

/// What one statement of a round answered: its rows as JSON text, or D1's error.
type Answer = Result<String, String>;

#[derive(Default)]
struct Round {
    statements: Vec<D1PreparedStatement>,
    sent: bool,
    answers: Option<Vec<Answer>>,
    waiting: Vec<Waker>,
}

/// Where the caller's token stands on the revocation list.
#[derive(Default)]
enum Revocation {
    /// No token, or not yet asked for.
    #[default]
    NotAsked,
    /// To be checked with the next round.
    Due(D1PreparedStatement),
    /// Sent with a round that has not answered yet.
    Sent,
    /// Answered.
    Known(bool),
}

/// The queue of one request's reads.
#[derive(Default)]
pub(super) struct Rounds {
    open: RefCell<Option<Rc<RefCell<Round>>>>,
    revocation: RefCell<Revocation>,
    rows_read: Cell<usize>,
    round_trips: Cell<usize>,
}

impl Rounds {
    /// D1 rows read by the rounds so far.
    pub(super) fn rows_read(&self) -> usize {
        self.rows_read.get()
    }

    /// Rounds sent so far.
    pub(super) fn round_trips(&self) -> usize {
        self.round_trips.get()
    }

    /// Check `statement` (the revocation check of the caller's token) with the next round.
    pub(super) fn check_token(&self, statement: D1PreparedStatement) {
        *self.revocation.borrow_mut() = Revocation::Due(statement);
    }

    /// The answer of the revocation check, if a round carried it and answered; otherwise
    /// the check is taken off the queue, for the caller to run alone.
    pub(super) fn token_revoked(&self) -> Option<bool> {
        let revocation = std::mem::take(&mut *self.revocation.borrow_mut());
        match revocation {
            Revocation::Known(revoked) => {
                *self.revocation.borrow_mut() = Revocation::Known(revoked);
                Some(revoked)
            }
            _ => None,
        }
    }

    /// Read `statement` with the other reads of this turn; its rows as JSON text.
    pub(super) async fn read(&self, d1: &D1Database, statement: D1PreparedStatement) -> Answer {
        let (round, index) = {
            let mut open = self.open.borrow_mut();
            let round = open.get_or_insert_with(Default::default).clone();
            let mut joined = round.borrow_mut();
            joined.statements.push(statement);
            let index = joined.statements.len() - 1;
            drop(joined);
            (round, index)
        };
        // One microtask: the reads polled in the same turn (a `join`) join this round.
        let _ = JsFuture::from(Promise::resolve(&JsValue::UNDEFINED)).await;
        let send = {
            let mut joined = round.borrow_mut();
            !std::mem::replace(&mut joined.sent, true)
        };
        if send {
            {
                let mut open = self.open.borrow_mut();
                if open.as_ref().is_some_and(|o| Rc::ptr_eq(o, &round)) {
                    *open = None;
                }
            }
            let mut statements = std::mem::take(&mut round.borrow_mut().statements);
            let revocation = std::mem::take(&mut *self.revocation.borrow_mut());
            let check = match revocation {
                Revocation::Due(check) => {
                    *self.revocation.borrow_mut() = Revocation::Sent;
                    statements.push(check);
                    true
                }
                other => {
                    *self.revocation.borrow_mut() = other;
                    false
                }
            };
            let mut answers = self.send(d1, statements).await;
            if check {
                let revoked = answers.pop().and_then(Result::ok).map(|rows| rows != "[]");
                *self.revocation.borrow_mut() = revoked.map_or(Revocation::NotAsked, Revocation::Known);
            }
            let mut joined = round.borrow_mut();
            joined.answers = Some(answers);
            for waker in joined.waiting.drain(..) {
                waker.wake();
            }
        }
        poll_fn(|cx| {
            let mut joined = round.borrow_mut();
            match &mut joined.answers {
                Some(answers) => Poll::Ready(std::mem::replace(&mut answers[index], Ok(String::new()))),
                None => {
                    joined.waiting.push(cx.waker().clone());
                    Poll::Pending
                }
            }
        })
        .await
    }

    /// Send a round: one statement alone, several as one batch. A failed batch fails each
    /// of its statements with D1's message.
    async fn send(&self, d1: &D1Database, statements: Vec<D1PreparedStatement>) -> Vec<Answer> {
        let count = statements.len();
        self.round_trips.set(self.round_trips.get() + 1);
        let answered = match statements.as_slice() {
            [one] => call(one.inner().as_ref(), "all", None).await.map(|result| Array::of1(&result)),
            _ => {
                let array: Array = statements.iter().map(|s| JsValue::from(s.inner().clone())).collect();
                call(d1.as_ref(), "batch", Some(&array)).await.and_then(|r| r.dyn_into::<Array>().map_err(message))
            }
        };
        match answered {
            Ok(results) => results.iter().map(|result| self.rows_of(&result)).collect(),
            Err(error) => vec![Err(error); count],
        }
    }

    /// The rows of one D1 result as JSON text (one boundary crossing for all of them,
    /// rather than one per field), counting the rows it read.
    fn rows_of(&self, result: &JsValue) -> Answer {
        let field = |value: &JsValue, name: &str| Reflect::get(value, &JsValue::from_str(name)).ok();
        if let Some(read) = field(result, "meta").and_then(|meta| field(&meta, "rows_read")).and_then(|v| v.as_f64()) {
            self.rows_read.set(self.rows_read.get() + read as usize);
        }
        match field(result, "results").filter(|r| !r.is_undefined() && !r.is_null()) {
            Some(rows) => js_sys::JSON::stringify(&rows).map(String::from).map_err(message),
            None => Ok("[]".into()),
        }
    }
}

/// Call `target.method(argument)` and await the promise it returns.
async fn call(target: &JsValue, method: &str, argument: Option<&Array>) -> Result<JsValue, String> {
    let function: Function =
        Reflect::get(target, &JsValue::from_str(method)).map_err(message)?.dyn_into().map_err(message)?;
    let promise = match argument {
        Some(argument) => function.call1(target, argument),
        None => function.call0(target),
    };
    let promise: Promise = promise.map_err(message)?.dyn_into().map_err(message)?;
    JsFuture::from(promise).await.map_err(message)
}

fn message(error: impl Into<JsValue>) -> String {
    let error = error.into();
    match error.dyn_ref::<js_sys::Error>() {
        Some(error) => {
            let cause = error.cause();
            let cause = cause.dyn_ref::<js_sys::Error>().map(|c| format!(": {}", String::from(c.message())));
            format!("{}{}", String::from(error.message()), cause.unwrap_or_default())
        }
        None => error.as_string().unwrap_or_else(|| format!("{error:?}")),
    }
}
