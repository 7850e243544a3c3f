# The emulator with its demo data on port 8080:
#   docker build -t fakesaas . && docker run --rm -p 127.0.0.1:8080:8080 fakesaas
# Flags go after the image name: docker run ... fakesaas fakesaas serve --host 0.0.0.0 --port 8080 --seed none
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# A regular (not editable) install from the source tree; .dockerignore keeps tests, caches and the venv out.
COPY . /tmp/fakesaas-src
RUN pip install /tmp/fakesaas-src && rm -rf /tmp/fakesaas-src \
    && useradd --create-home --uid 10001 fakesaas

USER fakesaas
WORKDIR /home/fakesaas
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8080/_fakesaas/', timeout=2)"]

# 0.0.0.0 inside the container only, so the published port reaches it; publish it on 127.0.0.1 on the host.
CMD ["fakesaas", "serve", "--host", "0.0.0.0", "--port", "8080"]
