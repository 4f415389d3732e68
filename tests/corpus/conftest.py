import pytest


@pytest.fixture
def extraction_fails_on_b(monkeypatch):
    """Fault injection: extraction raises on the article with id "b" and works on every other one."""
    import corpus.pipeline as pipeline

    real = pipeline.extract_statements

    def flaky(article, *args, **kw):
        if article.article_id == "b":
            raise RuntimeError("boom")
        return real(article, *args, **kw)

    monkeypatch.setattr(pipeline, "extract_statements", flaky)
