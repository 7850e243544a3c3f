# The emulator with its demo data on port 8080:
#   docker build -t fakesaas . && docker run --rm -p 127.0.0.1:8080:8080 fakesaas
# Settings go in the environment: docker run -e FAKESAAS_SEED=none -e FAKESAAS_CONTROL_TOKEN=... fakesaas
# (served on 0.0.0.0, it makes up a control token and prints it unless given one or FAKESAAS_INSECURE_CONTROL=1)
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    FAKESAAS_HOST=0.0.0.0 \
    FAKESAAS_PORT=8080

# A regular (not editable) install from the source tree; .dockerignore keeps tests, caches and the venv out.
COPY . /tmp/fakesaas-src
RUN pip install /tmp/fakesaas-src && rm -rf /tmp/fakesaas-src \
    && useradd --create-home --uid 10001 fakesaas

USER fakesaas
WORKDIR /home/fakesaas
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/_fakesaas/health' % os.environ.get('FAKESAAS_PORT', '8080'), timeout=2)"]

# 0.0.0.0 inside the container only (FAKESAAS_HOST), so the published port reaches it; publish it on 127.0.0.1
# on the host.
CMD ["fakesaas", "serve"]
