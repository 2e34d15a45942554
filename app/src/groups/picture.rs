//! Checking a new group picture before it goes to WhatsApp (SPEC §2.5): a square JPEG, more
//! than 192 px wide, at most 5 MB. WhatsApp refuses others with 131209 (not square) or 131210
//! (too small); checking first gives the person the reason at once.

use super::text;

/// The largest picture WhatsApp accepts.
pub const PICTURE_MAX_BYTES: usize = 5 * 1024 * 1024;
/// WhatsApp wants width and height greater than this.
pub const PICTURE_MIN_SIDE: u32 = 192;

/// Why a picture cannot be used as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PictureProblem {
    TooLarge,
    NotAnImage,
    /// A PNG: WhatsApp takes JPEG only.
    NotJpeg,
    NotSquare {
        width: u32,
        height: u32,
    },
    TooSmall {
        width: u32,
        height: u32,
    },
}

impl PictureProblem {
    /// The reason, for the person who chose the file.
    pub fn reason(self) -> String {
        match self {
            Self::TooLarge => text::PICTURE_TOO_LARGE.to_owned(),
            Self::NotAnImage => text::PICTURE_NOT_IMAGE.to_owned(),
            Self::NotJpeg => text::PICTURE_NOT_JPEG.to_owned(),
            Self::NotSquare { width, height } => {
                text::PICTURE_NOT_SQUARE.replace("{size}", &format!("{width}×{height}"))
            }
            Self::TooSmall { width, height } => {
                text::PICTURE_TOO_SMALL.replace("{size}", &format!("{width}×{height}"))
            }
        }
    }
}

/// The width and height of a JPEG (`Ok`) or a PNG (`Err(NotJpeg)`), else `NotAnImage`.
fn dimensions(bytes: &[u8]) -> Result<(u32, u32), PictureProblem> {
    if let Some(size) = jpeg_dimensions(bytes) {
        return Ok(size);
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") && bytes.get(12..16) == Some(b"IHDR") {
        return Err(PictureProblem::NotJpeg);
    }
    Err(PictureProblem::NotAnImage)
}

/// Checks a picture; `Ok((width, height))` when WhatsApp should take it as it is.
pub fn check(bytes: &[u8]) -> Result<(u32, u32), PictureProblem> {
    if bytes.len() > PICTURE_MAX_BYTES {
        return Err(PictureProblem::TooLarge);
    }
    let (width, height) = dimensions(bytes)?;
    if width != height {
        return Err(PictureProblem::NotSquare { width, height });
    }
    if width <= PICTURE_MIN_SIDE {
        return Err(PictureProblem::TooSmall { width, height });
    }
    Ok((width, height))
}

/// Width and height from a JPEG's frame header, or `None` when it is not a JPEG.
fn jpeg_dimensions(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.get(..2)? != [0xFF, 0xD8] {
        return None;
    }
    let mut at = 2;
    while at + 4 <= bytes.len() {
        if bytes[at] != 0xFF {
            return None;
        }
        let marker = bytes[at + 1];
        if marker == 0xFF {
            at += 1;
            continue;
        }
        let length = usize::from(u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]));
        let is_frame = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if is_frame {
            let frame = bytes.get(at + 4..at + 9)?;
            let height = u16::from_be_bytes([frame[1], frame[2]]);
            let width = u16::from_be_bytes([frame[3], frame[4]]);
            return Some((u32::from(width), u32::from(height)));
        }
        at += 2 + length;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg(width: u16, height: u16) -> Vec<u8> {
        let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08];
        bytes.extend_from_slice(&height.to_be_bytes());
        bytes.extend_from_slice(&width.to_be_bytes());
        bytes.extend_from_slice(&[0x03, 0xFF, 0xD9]);
        bytes
    }

    #[test]
    fn only_a_big_enough_square_jpeg_passes() {
        assert_eq!(check(&jpeg(640, 640)), Ok((640, 640)));
        assert_eq!(
            check(&jpeg(640, 480)),
            Err(PictureProblem::NotSquare {
                width: 640,
                height: 480
            })
        );
        assert_eq!(
            check(&jpeg(100, 100)),
            Err(PictureProblem::TooSmall {
                width: 100,
                height: 100
            })
        );
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0";
        assert_eq!(check(png), Err(PictureProblem::NotJpeg));
        assert_eq!(check(b"GIF89a...."), Err(PictureProblem::NotAnImage));
        let big = vec![0; PICTURE_MAX_BYTES + 1];
        assert_eq!(check(&big), Err(PictureProblem::TooLarge));
        assert!(
            PictureProblem::TooSmall {
                width: 100,
                height: 100
            }
            .reason()
            .contains("100×100")
        );
    }
}
