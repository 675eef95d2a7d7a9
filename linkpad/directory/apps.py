from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "linkpad.directory"
    label = "directory"
    verbose_name = "Directory of community supports"
