"""Helpers shared by the admin classes of several apps."""


def model_admin_view(model_admin, view):
    """Return ``view`` as an admin page that also receives its ModelAdmin.

    The view is called as ``view(request, model_admin, *args, **kwargs)``
    behind the admin's login, permission and CSRF handling.
    """

    def bound(request, *args, **kwargs):
        return view(request, model_admin, *args, **kwargs)

    return model_admin.admin_site.admin_view(bound)
