"""The registered extractors, in run order."""
