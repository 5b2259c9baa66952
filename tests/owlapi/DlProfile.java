// Loads one ontology document with the OWL API (the parser Protégé uses) and reports its OWL 2 DL
// profile violations, one per line, then "violations=N". Exit 0 when N is 0, 1 otherwise.
// Usage: java -cp '/usr/share/java/*:<dir>' DlProfile FILE   (Debian package libowlapi-java)

import java.io.File;
import java.util.List;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.formats.RDFXMLDocumentFormat;
import org.semanticweb.owlapi.formats.TurtleDocumentFormat;
import org.semanticweb.owlapi.io.FileDocumentSource;
import org.semanticweb.owlapi.model.OWLDocumentFormat;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.profiles.OWLProfileViolation;
import org.semanticweb.owlapi.profiles.Profiles;

public class DlProfile {
    public static void main(String[] args) throws Exception {
        File file = new File(args[0]);
        // name the syntax: without a hint the OWL API tries every parser in turn
        OWLDocumentFormat syntax = file.getName().endsWith(".ttl")
                ? new TurtleDocumentFormat()
                : new RDFXMLDocumentFormat();
        OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
        OWLOntology ontology =
                manager.loadOntologyFromOntologyDocument(new FileDocumentSource(file, syntax));
        List<OWLProfileViolation> found = Profiles.OWL2_DL.checkOntology(ontology).getViolations();
        for (OWLProfileViolation violation : found) {
            System.out.println(violation.getClass().getSimpleName() + ": "
                    + violation.toString().replace('\n', ' '));
        }
        System.out.println("axioms=" + ontology.getAxiomCount() + " violations=" + found.size());
        System.exit(found.isEmpty() ? 0 : 1);
    }
}
