"""Lets the account page (accounts) link to the job-ready profile without
accounts importing careers: `{% load job_profile_tags %}{% job_profile_link %}`."""

from django import template

from careers.permissions import can_have_job_profile

register = template.Library()


@register.inclusion_tag("careers/_profile_link.html", takes_context=True)
def job_profile_link(context) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"show": user is not None and can_have_job_profile(user)}
