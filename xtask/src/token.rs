//! Dev tokens: Ed25519-signed claims for the local server.
//!
//! The dev key is derived from a public, fixed seed: anyone can mint dev tokens, which is
//! why only local configuration (`edge/.dev.vars`, written by `cargo xtask dev`) trusts its
//! public key. Production trusts only the key in the `TOKEN_PUBLIC_KEYS` Worker secret.

use crate::{flag, Result};
use ed25519_dalek::{Signer, SigningKey};
use gzcredit_shared::catalog::Class;
use gzcredit_shared::identity::{base64url_encode, signing_input, Claims, Role};
use gzcredit_shared::matter::Matter;
use gzcredit_shared::permissions::{Action, StaffPermissions};

pub use gzcredit_shared::identity::DEV_ISSUER;

const DEV_SEED: [u8; 32] = *b"gzcredit-local-dev-key-UNTRUSTED";
/// A key nobody trusts, for tests that present a token from an unknown issuer key.
const STRANGER_SEED: [u8; 32] = *b"gzcredit-stranger-key-NOTTRUSTED";
/// The seed of the local report signing key (`REPORT_SIGNING_KEY` in `.dev.vars`): public
/// like the dev token key, so locally signed reports prove nothing outside development.
const DEV_REPORT_SEED: [u8; 32] = *b"gzcredit-local-report-UNTRUSTED!";

/// The local report signing key, base64url of its 32-byte seed, as `.dev.vars` holds it.
pub fn dev_report_signing_key() -> String {
    base64url_encode(&DEV_REPORT_SEED)
}

fn dev_key() -> SigningKey {
    SigningKey::from_bytes(&DEV_SEED)
}

/// The dev public key, base64url, as `.dev.vars` lists it.
pub fn dev_public_key() -> String {
    base64url_encode(dev_key().verifying_key().as_bytes())
}

/// Sign claims with `key`.
pub fn sign(claims: &Claims, key: &SigningKey) -> String {
    let input = signing_input(&serde_json::to_string(claims).expect("claims serialise"));
    let signature = key.sign(input.as_bytes());
    format!("{input}.{}", base64url_encode(&signature.to_bytes()))
}

fn parse_ttl(text: &str) -> Result<i64> {
    let (number, unit) = text.split_at(text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len()));
    let n: i64 = number.parse().map_err(|_| format!("--ttl {text}: expected e.g. 30m, 1h, 7d"))?;
    Ok(n * match unit {
        "s" => 1,
        "m" => 60,
        "" | "h" => 3600,
        "d" => 86_400,
        _ => return Err(format!("--ttl {text}: unit must be s, m, h or d")),
    })
}

/// Per-staff permissions from `--actions a,b` and `--classes c,d` (Art. 19); none: the
/// role's full scope.
fn permissions(args: &[String]) -> Result<Option<StaffPermissions>> {
    let words = |text: String| -> Vec<serde_json::Value> {
        text.split(',').map(str::trim).filter(|s| !s.is_empty()).map(|s| serde_json::Value::String(s.into())).collect()
    };
    let actions = match flag(args, "--actions") {
        Some(text) => Some(
            words(text)
                .into_iter()
                .map(|w| serde_json::from_value::<Action>(w.clone()).map_err(|_| format!("unknown action {w}")))
                .collect::<Result<Vec<_>>>()?,
        ),
        None => None,
    };
    let classes = match flag(args, "--classes") {
        Some(text) => Some(
            words(text)
                .into_iter()
                .map(|w| serde_json::from_value::<Class>(w.clone()).map_err(|_| format!("unknown class {w}")))
                .collect::<Result<Vec<_>>>()?,
        ),
        None => None,
    };
    Ok((actions.is_some() || classes.is_some()).then_some(StaffPermissions { actions, classes }))
}

/// `cargo xtask token --role … [--subject CODE] [--grant ID --grantee NAME] [--agency ID --matter M[,M…]] [--provider DEPT] [--staff NAME] [--actions A,…] [--classes C,…] [--ttl 1h] [--untrusted-key]`.
pub fn run(args: &[String]) -> Result<()> {
    let role_name = flag(args, "--role").ok_or("--role is required: subject, authorized, agency, provider or admin")?;
    let role: Role = serde_json::from_value(serde_json::Value::String(role_name.clone()))
        .map_err(|_| format!("unknown role {role_name:?}: use subject, authorized, agency, provider or admin"))?;
    let matters = match flag(args, "--matter") {
        Some(list) => list
            .split(',')
            .map(|m| m.trim().parse::<Matter>().map_err(|_| format!("unknown matter {m:?}")))
            .collect::<Result<Vec<_>>>()?,
        None => Vec::new(),
    };
    // A test run's tokens follow its pinned clock, or the server would see them as expired.
    let now = crate::clock::now_millis().div_euclid(1000);
    let ttl = parse_ttl(&flag(args, "--ttl").unwrap_or_else(|| "1h".into()))?;
    let claims = Claims {
        iss: DEV_ISSUER.into(),
        jti: format!("dev-{now}-{}", std::process::id()),
        role,
        sub: flag(args, "--staff").unwrap_or_else(|| format!("dev-{role_name}")),
        subject: flag(args, "--subject"),
        grant: flag(args, "--grant"),
        grantee: flag(args, "--grantee"),
        agency: flag(args, "--agency"),
        matters,
        provider: flag(args, "--provider"),
        permissions: permissions(args)?,
        iat: now,
        exp: now + ttl,
    };
    // `--untrusted-key`: sign with a key the server does not trust (for tests).
    let key =
        if args.iter().any(|a| a == "--untrusted-key") { SigningKey::from_bytes(&STRANGER_SEED) } else { dev_key() };
    println!("{}", sign(&claims, &key));
    Ok(())
}

/// A dev token of a providing department, for `cargo xtask import` against a local server
/// (which trusts the dev key; a deployed one does not: pass `--token`). Valid for the hour
/// a provider token may last.
pub fn dev_provider_token(provider: &str) -> String {
    let now = crate::clock::now_millis().div_euclid(1000);
    let claims = Claims {
        iss: DEV_ISSUER.into(),
        jti: format!("dev-import-{now}-{}", std::process::id()),
        role: Role::Provider,
        sub: "dev-import".into(),
        subject: None,
        grant: None,
        grantee: None,
        agency: None,
        matters: Vec::new(),
        provider: Some(provider.to_string()),
        permissions: None,
        iat: now,
        exp: now + 3600,
    };
    sign(&claims, &dev_key())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dev_key_is_the_one_a_production_worker_refuses() {
        // `shared` names the development key so that production can refuse it; it must be
        // the key these tokens are really signed with.
        assert_eq!(dev_public_key(), gzcredit_shared::identity::DEV_PUBLIC_KEY);
        let production = gzcredit_shared::identity::check_production_trust("production", DEV_ISSUER, "k");
        assert!(production.is_err());
    }
}
