from django.contrib.admin.apps import AdminConfig


class LinkpadAdminConfig(AdminConfig):
    """Django's admin, with Linkpad's two-factor admin site as the default site."""

    default_site = "linkpad.core.admin_site.LinkpadAdminSite"
