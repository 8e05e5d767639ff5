"""Careers' providers for the personal-data registry (accounts.personal_data):
businesses a person started or checked, their job-ready profile and when it
was shared, jobs the platform reported and API clients they issued.
Registered from CareersConfig.ready()."""

from careers.personal_data.businesses import register_business_providers
from careers.personal_data.placements import register_api_providers
from careers.personal_data.profiles import register_profile_providers


def register_providers() -> None:
    register_business_providers()
    register_profile_providers()
    register_api_providers()
