//! The invite link as a QR code: SVG for the page, PNG for download. Rendered on the server, so
//! the browser's wasm carries no QR encoder.

use anyhow::Context;
use qrcode::QrCode;
use qrcode::render::svg;

/// Pixels per module of the PNG.
const PNG_SCALE: usize = 8;
/// Light modules around the code, as the QR standard asks.
const QUIET_ZONE: usize = 4;

/// The QR code of `text` as an SVG element (no XML prolog), at least 240 px wide.
pub fn svg(text: &str) -> anyhow::Result<String> {
    let code = QrCode::new(text.as_bytes()).context("encode the invite link as a QR code")?;
    let image = code
        .render::<svg::Color>()
        .min_dimensions(240, 240)
        .quiet_zone(true)
        .build();
    let start = image.find("<svg").unwrap_or(0);
    Ok(image[start..].to_owned())
}

/// The QR code of `text` as a black-and-white PNG.
pub fn png(text: &str) -> anyhow::Result<Vec<u8>> {
    let code = QrCode::new(text.as_bytes()).context("encode the invite link as a QR code")?;
    let modules = code.width();
    let dark: Vec<bool> = code
        .to_colors()
        .into_iter()
        .map(|color| color == qrcode::Color::Dark)
        .collect();
    let side = (modules + 2 * QUIET_ZONE) * PNG_SCALE;
    let row_bytes = side.div_ceil(8);
    // One filter byte (0: none) per row, then 1-bit pixels where 1 is white.
    let mut raw = Vec::with_capacity(side * (row_bytes + 1));
    for y in 0..side {
        raw.push(0);
        let mut row = vec![0xff_u8; row_bytes];
        let my = (y / PNG_SCALE).checked_sub(QUIET_ZONE);
        for x in 0..side {
            let mx = (x / PNG_SCALE).checked_sub(QUIET_ZONE);
            let is_dark = match (mx, my) {
                (Some(mx), Some(my)) if mx < modules && my < modules => dark[my * modules + mx],
                _ => false,
            };
            if is_dark {
                row[x / 8] &= !(0x80 >> (x % 8));
            }
        }
        raw.extend_from_slice(&row);
    }
    let side = u32::try_from(side).context("QR code size")?;
    let mut header = Vec::with_capacity(13);
    header.extend_from_slice(&side.to_be_bytes());
    header.extend_from_slice(&side.to_be_bytes());
    // Bit depth 1, grayscale, deflate, adaptive filtering, no interlace.
    header.extend_from_slice(&[1, 0, 0, 0, 0]);
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut out, b"IHDR", &header);
    chunk(&mut out, b"IDAT", &zlib_stored(&raw));
    chunk(&mut out, b"IEND", &[]);
    Ok(out)
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    let length = u32::try_from(data.len()).unwrap_or(u32::MAX);
    out.extend_from_slice(&length.to_be_bytes());
    let start = out.len();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32(&out[start..]);
    out.extend_from_slice(&crc.to_be_bytes());
}

/// A zlib stream of stored (uncompressed) deflate blocks: a QR PNG is small enough as it is.
fn zlib_stored(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x78, 0x01];
    let blocks: Vec<&[u8]> = data.chunks(65_535).collect();
    for (index, block) in blocks.iter().enumerate() {
        out.push(u8::from(index + 1 == blocks.len()));
        let length = u16::try_from(block.len()).unwrap_or(u16::MAX);
        out.extend_from_slice(&length.to_le_bytes());
        out.extend_from_slice(&(!length).to_le_bytes());
        out.extend_from_slice(block);
    }
    if blocks.is_empty() {
        out.extend_from_slice(&[1, 0, 0, 0xff, 0xff]);
    }
    out.extend_from_slice(&adler32(data).to_be_bytes());
    out
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xffff_ffff_u32;
    for byte in data {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xedb8_8320 & mask);
        }
    }
    !crc
}

fn adler32(data: &[u8]) -> u32 {
    let (mut a, mut b) = (1_u32, 0_u32);
    for byte in data {
        a = (a + u32::from(*byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    (b << 16) | a
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINK: &str = "https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv";

    #[test]
    fn the_svg_is_an_svg_element_without_prolog() {
        let image = svg(LINK).unwrap();
        assert!(image.starts_with("<svg"));
        assert!(image.ends_with("</svg>"));
        assert!(image.contains("<path"));
    }

    #[test]
    fn checksums_match_known_values() {
        assert_eq!(crc32(b"123456789"), 0xcbf4_3926);
        assert_eq!(adler32(b"Wikipedia"), 0x11e6_0398);
    }

    #[test]
    fn the_png_has_a_valid_header_and_chunk_checksums() {
        let image = png(LINK).unwrap();
        assert_eq!(&image[..8], b"\x89PNG\r\n\x1a\n");
        let mut at = 8;
        let mut kinds = Vec::new();
        while at < image.len() {
            let length = u32::from_be_bytes(image[at..at + 4].try_into().unwrap()) as usize;
            let body = &image[at + 4..at + 8 + length];
            let crc =
                u32::from_be_bytes(image[at + 8 + length..at + 12 + length].try_into().unwrap());
            assert_eq!(crc32(body), crc);
            kinds.push(String::from_utf8(body[..4].to_vec()).unwrap());
            at += 12 + length;
        }
        assert_eq!(kinds, ["IHDR", "IDAT", "IEND"]);
        let width = u32::from_be_bytes(image[16..20].try_into().unwrap());
        let modules = QrCode::new(LINK.as_bytes()).unwrap().width();
        assert_eq!(width as usize, (modules + 2 * QUIET_ZONE) * PNG_SCALE);
    }
}
