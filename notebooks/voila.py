"""Voilà's settings for the class app (notebook 08), read by ``voila`` started in this
folder: the page says "Starting your workbench…" from its first bytes, while a kernel
starts or the pool is used up, and what to do if the start fails
(:mod:`argmap.widgets.voila_page`)."""

from argmap.widgets.voila_page import install

install()
