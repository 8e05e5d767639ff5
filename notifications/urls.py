from django.urls import path

from notifications import views

urlpatterns = [
    path("messages/", views.message_list, name="messages"),
    path("messages/<int:pk>/read/", views.message_mark_read, name="message_read"),
    path("messages/read-all/", views.messages_mark_all_read, name="messages_read_all"),
    path("messages/settings/", views.message_settings, name="message_settings"),
]
