package kg;

import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryExecutionDatasetBuilder;
import org.apache.jena.query.ResultSetFormatter;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.util.NodeFactoryExtra;

/**
 * Apache Jena over kg's exports, for tests/test_jena.py.
 *
 *   count FILE...           print "FILE TAB QUADS" per file (the language from its extension)
 *   query DATA,... SPEC OUTDIR  run each line of SPEC ("QUERYFILE TAB var=N-Triples-term ...")
 *                           over the DATA files together; write the rows of line i to
 *                           OUTDIR/i.srj (SPARQL JSON)
 */
public final class JenaRunner {
    public static void main(String[] args) throws Exception {
        if (args[0].equals("count")) {
            for (int i = 1; i < args.length; i++) {
                Dataset ds = RDFDataMgr.loadDataset(args[i]);
                long n = ds.getDefaultModel().size();
                for (Iterator<org.apache.jena.rdf.model.Resource> it = ds.listModelNames(); it.hasNext(); ) {
                    n += ds.getNamedModel(it.next()).size();
                }
                System.out.println(args[i] + "\t" + n);
            }
            return;
        }
        Dataset ds = DatasetFactory.create();
        for (String data : args[1].split(",")) {
            RDFDataMgr.read(ds, data);
        }
        Model model = ds.getDefaultModel();
        List<String> spec = Files.readAllLines(Path.of(args[2]), StandardCharsets.UTF_8);
        for (int i = 0; i < spec.size(); i++) {
            String[] parts = spec.get(i).split("\t");
            String text = Files.readString(Path.of(parts[0]), StandardCharsets.UTF_8);
            QueryExecutionDatasetBuilder b = QueryExecution.dataset(ds).query(text);
            for (int k = 1; k < parts.length; k++) {
                int eq = parts[k].indexOf('=');
                b.substitution(parts[k].substring(0, eq),
                        model.asRDFNode(NodeFactoryExtra.parseNode(parts[k].substring(eq + 1))));
            }
            try (QueryExecution qe = b.build();
                 OutputStream out = new FileOutputStream(Path.of(args[3], i + ".srj").toFile())) {
                ResultSetFormatter.outputAsJSON(out, qe.execSelect());
            }
        }
    }
}
