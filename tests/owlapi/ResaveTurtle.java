// Re-saves an ontology as Turtle with the OWL API, as Protégé does on File > Save, optionally
// after adding one class (its label and one parent), to test that `evonto normalize` then gives
// a one-term diff. Imports are resolved through the catalog's local files, never the network.
// Usage: java -cp '/usr/share/java/*:<dir>' ResaveTurtle IN.ttl OUT.ttl CATALOG-MAP
//            [CLASS-IRI LABEL PARENT-IRI]
// CATALOG-MAP is a file of "import-IRI<TAB>absolute-path" lines (read from catalog-v001.xml).

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.formats.TurtleDocumentFormat;
import org.semanticweb.owlapi.io.FileDocumentSource;
import org.semanticweb.owlapi.model.AddAxiom;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.OWLClass;
import org.semanticweb.owlapi.model.OWLDataFactory;
import org.semanticweb.owlapi.model.OWLDocumentFormat;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.model.PrefixManager;
import org.semanticweb.owlapi.util.SimpleIRIMapper;

public class ResaveTurtle {
    public static void main(String[] args) throws Exception {
        OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
        for (String line : Files.readAllLines(new File(args[2]).toPath(), StandardCharsets.UTF_8)) {
            String[] pair = line.split("\t");
            if (pair.length == 2) {
                manager.getIRIMappers().add(
                        new SimpleIRIMapper(IRI.create(pair[0]), IRI.create(new File(pair[1]))));
            }
        }
        OWLOntology ontology = manager.loadOntologyFromOntologyDocument(
                new FileDocumentSource(new File(args[0]), new TurtleDocumentFormat()));
        if (args.length >= 6) {
            OWLDataFactory factory = manager.getOWLDataFactory();
            OWLClass added = factory.getOWLClass(IRI.create(args[3]));
            manager.applyChange(new AddAxiom(ontology, factory.getOWLDeclarationAxiom(added)));
            manager.applyChange(new AddAxiom(ontology, factory.getOWLAnnotationAssertionAxiom(
                    added.getIRI(), factory.getRDFSLabel(factory.getOWLLiteral(args[4], "en")))));
            manager.applyChange(new AddAxiom(ontology, factory.getOWLSubClassOfAxiom(
                    added, factory.getOWLClass(IRI.create(args[5])))));
        }
        OWLDocumentFormat loaded = manager.getOntologyFormat(ontology);
        TurtleDocumentFormat turtle = new TurtleDocumentFormat();
        if (loaded != null && loaded.isPrefixOWLDocumentFormat()) {
            turtle.copyPrefixesFrom((PrefixManager) loaded.asPrefixOWLDocumentFormat());
        }
        manager.saveOntology(ontology, turtle, IRI.create(new File(args[1])));
    }
}
