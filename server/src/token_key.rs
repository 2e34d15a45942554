//! The key that encrypts access tokens at rest: `GROUPDESK_TOKEN_KEY`, or in sandbox installs a
//! key generated once into `.data/token.key` (git-ignored, readable by the owner only). The key
//! is never logged.

use crate::config::Config;
use anyhow::Context;
use app::token_cipher::{KEY_BYTES, TokenCipher};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use std::io::Write;
use std::path::Path;

/// Where sandbox installs keep their generated key, relative to the working directory.
pub const DEV_KEY_FILE: &str = ".data/token.key";

/// The cipher for this installation's access tokens.
pub fn cipher(config: &Config) -> anyhow::Result<TokenCipher> {
    let key = match &config.access.token_key {
        Some(key) => key.0,
        None => dev_key(Path::new(DEV_KEY_FILE))?,
    };
    TokenCipher::new(&key).context("the token key is not usable")
}

/// Reads the key file, creating it with a fresh key first if it does not exist.
pub fn dev_key(path: &Path) -> anyhow::Result<[u8; KEY_BYTES]> {
    if !path.exists() {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("could not create {}", parent.display()))?;
        }
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options
            .open(path)
            .with_context(|| format!("could not create {}", path.display()))?;
        writeln!(file, "{}", STANDARD.encode(TokenCipher::generate_key()))
            .with_context(|| format!("could not write {}", path.display()))?;
        tracing::info!(path = %path.display(), "generated a development token key");
    }
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("could not read {}", path.display()))?;
    let bytes = STANDARD
        .decode(text.trim())
        .with_context(|| format!("{} does not hold base64", path.display()))?;
    bytes
        .try_into()
        .map_err(|_| anyhow::anyhow!("{} does not hold a 32-byte key", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dev_key_is_generated_once_then_reused() {
        let dir = std::env::temp_dir().join(format!("gd-token-key-{}", uuid::Uuid::new_v4()));
        let path = dir.join("token.key");

        let first = dev_key(&path).unwrap();
        let second = dev_key(&path).unwrap();

        assert_eq!(first, second);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        std::fs::remove_dir_all(dir).unwrap();
    }
}
