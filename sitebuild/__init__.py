"""The site build: content model, pages, data, lock, runtime, audit and dev server. Entry: build_site.py."""

# Every page carries this policy (meta tag); make serve also sends it as a header. Only this site, plus
# WebAssembly compilation for the checkers.
CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'")

# Set by make serve when it rebuilds (sitebuild/serve.py): the address it serves the site at, for the build to say.
SERVED_AT = "SITE_SERVED_AT"


class BuildError(Exception):
    """A build step failed; the message says what to do."""
