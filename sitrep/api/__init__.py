"""The REST API of sitrep (`sitrep serve`): sitrep.api.app.create_app, keys in sitrep.api.keys."""
