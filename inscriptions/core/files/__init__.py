"""The checks every uploaded file goes through: type from content, PDF and image safety, size,
antivirus (ClamAV's daemon)."""
