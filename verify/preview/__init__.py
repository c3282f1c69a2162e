"""The live preview: the site rebuilt and each changed page verified again as it is edited."""
