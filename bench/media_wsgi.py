"""The site's WSGI application with its uploaded media served as a front server would (bench only).

Production leaves ``/media/`` to the front server; a benchmark that loads pages
in a browser needs their images, so WhiteNoise serves ``MEDIA_ROOT`` here, with
the year-long cache a front server gives renditions (their names never change).
"""

from django.conf import settings
from whitenoise import WhiteNoise

from config.wsgi import application as site_application

application = WhiteNoise(site_application, max_age=365 * 24 * 3600, autorefresh=True)
application.add_files(str(settings.MEDIA_ROOT), prefix=settings.MEDIA_URL)
