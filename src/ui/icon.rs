//! The application icon, built into the binary from `assets/icon.png`.

/// The window icon (256 x 256 RGBA), or `None` if the bundled PNG could not
/// be decoded (the window then gets the platform's default icon).
pub fn icon() -> Option<egui::IconData> {
    eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon.png")).ok()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_bundled_icon_decodes_to_256_by_256() {
        let icon = super::icon().expect("assets/icon.png decodes");
        assert_eq!((icon.width, icon.height), (256, 256));
        assert_eq!(icon.rgba.len(), 256 * 256 * 4);
    }
}
