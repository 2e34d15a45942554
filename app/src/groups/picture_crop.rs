//! In the browser: reading a chosen picture and, when WhatsApp would refuse it only for its
//! shape, format or size, making a centre-cropped square JPEG of it (SPEC §2.5). The canvas does
//! the decoding and encoding, so neither the server nor the wasm bundle carries an image codec.

use super::picture::{PICTURE_MAX_BYTES, PICTURE_MIN_SIDE, PictureProblem};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, CanvasRenderingContext2d, HtmlCanvasElement, HtmlImageElement, Url};

/// The side a crop is scaled down to when the picture is larger (WhatsApp shows group pictures
/// far smaller, and this keeps the JPEG well under 5 MB).
const CROP_MAX_SIDE: u32 = 1080;
const JPEG_QUALITY: f64 = 0.9;

/// What to do with a chosen picture.
pub enum Inspected {
    /// A square JPEG WhatsApp takes as it is.
    AsIs,
    /// WhatsApp would refuse it for `problem`; `crop` is a square JPEG of its centre.
    Fixable {
        problem: PictureProblem,
        crop: Blob,
        side: u32,
    },
    /// Nothing can be done here (not a picture, or too small to crop).
    Refused(PictureProblem),
}

/// Reads `file` and decides; a file the browser cannot decode is not a picture.
pub async fn inspect(file: &web_sys::File) -> Inspected {
    let Some(image) = decode(file).await else {
        return Inspected::Refused(PictureProblem::NotAnImage);
    };
    let (width, height) = (image.natural_width(), image.natural_height());
    if width.min(height) <= PICTURE_MIN_SIDE {
        return Inspected::Refused(PictureProblem::TooSmall { width, height });
    }
    let problem = if file.size() > PICTURE_MAX_BYTES as f64 {
        PictureProblem::TooLarge
    } else if file.type_() != "image/jpeg" {
        PictureProblem::NotJpeg
    } else if width != height {
        PictureProblem::NotSquare { width, height }
    } else {
        return Inspected::AsIs;
    };
    match centre_crop(&image, width, height).await {
        Some((crop, side)) if crop.size() <= PICTURE_MAX_BYTES as f64 => Inspected::Fixable {
            problem,
            crop,
            side,
        },
        _ => Inspected::Refused(problem),
    }
}

async fn decode(file: &Blob) -> Option<HtmlImageElement> {
    let url = Url::create_object_url_with_blob(file).ok()?;
    let image = HtmlImageElement::new().ok()?;
    image.set_src(&url);
    let decoded = JsFuture::from(image.decode()).await;
    let _ = Url::revoke_object_url(&url);
    decoded.ok().map(|_| image)
}

/// The largest centred square of the picture, at most [`CROP_MAX_SIDE`] wide, as a JPEG on
/// white (a transparent PNG would otherwise turn black).
async fn centre_crop(image: &HtmlImageElement, width: u32, height: u32) -> Option<(Blob, u32)> {
    let side = width.min(height);
    let out = side.min(CROP_MAX_SIDE);
    let document = web_sys::window()?.document()?;
    let canvas: HtmlCanvasElement = document.create_element("canvas").ok()?.dyn_into().ok()?;
    canvas.set_width(out);
    canvas.set_height(out);
    let context: CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
    let size = f64::from(out);
    context.set_fill_style_str("#ffffff");
    context.fill_rect(0.0, 0.0, size, size);
    context
        .draw_image_with_html_image_element_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
            image,
            f64::from((width - side) / 2),
            f64::from((height - side) / 2),
            f64::from(side),
            f64::from(side),
            0.0,
            0.0,
            size,
            size,
        )
        .ok()?;
    let encoded = js_sys::Promise::new(&mut |resolve, _reject| {
        let quality = JsValue::from_f64(JPEG_QUALITY);
        let _ = canvas.to_blob_with_type_and_encoder_options(&resolve, "image/jpeg", &quality);
    });
    let blob = JsFuture::from(encoded)
        .await
        .ok()?
        .dyn_into::<Blob>()
        .ok()?;
    Some((blob, out))
}

/// A URL the page can show the crop from (revoked when the form is done with it).
pub fn preview_url(blob: &Blob) -> Option<String> {
    Url::create_object_url_with_blob(blob).ok()
}

/// Frees a URL from [`preview_url`].
pub fn forget_url(url: &str) {
    let _ = Url::revoke_object_url(url);
}
