/** RFC 8785 JSON Canonicalization Scheme over Jackson trees; everything signed as JSON is signed over its output. */
package dev.modelport.signing.json;
