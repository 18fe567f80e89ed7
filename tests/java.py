"""The tests' small Java programs (tests/neo4j, tests/jena): built with Maven when
missing or older than their sources, run with the machine's Java."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path


def java_command(project: Path, main: str) -> list[str]:
    """`java -cp … MAIN` for the Maven project in PROJECT (its jar + target/classpath.txt)."""
    target = project / "target"
    jars, cp = list(target.glob("*-1.jar")), target / "classpath.txt"
    sources = [project / "pom.xml", *project.glob("src/**/*.java")]
    newest = max(s.stat().st_mtime for s in sources)
    if not (jars and cp.exists()) or newest > min(jars[0].stat().st_mtime, cp.stat().st_mtime):
        mvn = shutil.which("mvn")
        if not mvn:
            raise RuntimeError(f"Maven (mvn) is needed to build {project}: apt-get install maven")
        p = subprocess.run([mvn, "-q", "-B", "-f", str(project / "pom.xml"), "package"],
                           capture_output=True, text=True)
        if p.returncode:
            raise RuntimeError(f"building {project} failed:\n" + (p.stdout + p.stderr)[-3000:])
        jars = list(target.glob("*-1.jar"))
    java = str(Path(os.environ["JAVA_HOME"]) / "bin" / "java") if os.environ.get("JAVA_HOME") \
        else shutil.which("java") or "java"
    return [java, "-cp", f"{jars[0]}{os.pathsep}{cp.read_text().strip()}", main]
