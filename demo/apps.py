from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Holds the `seed_demo` and `generate_load_data` commands; no models."""

    name = "demo"
