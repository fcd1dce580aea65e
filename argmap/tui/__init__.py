"""The Textual app: thin screens over the core; nothing here changes a map except through the core."""
