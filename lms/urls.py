from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views
from training.urls import calendars as calendar_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Calendar subscriptions: no language prefix (the feed uses the trainee's).
    path("", include(calendar_urls.feed_urlpatterns)),
    # The job-matching platform's API and the credential signing key: no
    # language prefix (machines read them).
    path("", include("careers.urls.api")),
    path("", include("careers.urls.keys")),
]

urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("help/", home_views.help_redirect, name="help"),
    path("", include("accounts.urls")),
    # Before training's verify/<code>/, which would take verify/credential/.
    path("", include("careers.urls.credentials")),
    path("", include("training.urls.certificates")),
    path("", include("careers.urls.profile")),
    path("", include("careers.urls.businesses")),
    path("teach/placements/", include("careers.urls.placements")),
    path("teach/", include("training.urls.teach")),
    path("", include("training.urls.calendars")),
    path("", include("training.urls.followups")),
    path("", include("notifications.urls")),
    path("federation/", include("federation.urls")),
    path("", include("federation.urls.barriers")),
    path("", include("training.urls.learning")),
    path("", include("training.urls.quizzes")),
    # The site root in the active language, for reverse("home").
    path("", wagtail_views.serve, {"path": ""}, name="home"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
