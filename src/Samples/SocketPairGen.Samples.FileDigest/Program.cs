// Placeholder: the file-digest sample is being written.
return 0;
